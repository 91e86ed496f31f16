/** A small AWS mark for tiles (decorative: the tile's text names it). */
export function AwsLogo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="#232F3E" />
      <text
        x="16"
        y="17"
        textAnchor="middle"
        fontSize="10"
        fontWeight="700"
        fill="#fff"
        fontFamily="Arial, sans-serif"
      >
        aws
      </text>
      <path
        d="M8 21.5c4.5 2.8 11.5 2.8 16 0"
        stroke="#FF9900"
        strokeWidth="1.8"
        fill="none"
        strokeLinecap="round"
      />
      <path
        d="M22.2 20.3l2.3 1-1.1 2.2"
        stroke="#FF9900"
        strokeWidth="1.6"
        fill="none"
        strokeLinecap="round"
      />
    </svg>
  );
}

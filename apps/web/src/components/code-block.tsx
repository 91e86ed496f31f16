import { ActionIcon, Box, Code, CopyButton, Tooltip } from "@mantine/core";

/** Read-only code with a copy button; long lines scroll instead of stretching the page. */
export function CodeBlock({
  code,
  label,
  maxHeight = 360,
}: {
  code: string;
  label: string;
  maxHeight?: number;
}) {
  return (
    <Box pos="relative">
      <Code
        block
        style={{ maxHeight, overflow: "auto", whiteSpace: "pre", paddingRight: 48 }}
        aria-label={label}
        tabIndex={0}
      >
        {code}
      </Code>
      <Box pos="absolute" top={6} right={6}>
        <CopyButton value={code} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? "Copied" : "Copy"} withArrow position="left">
              <ActionIcon
                variant={copied ? "filled" : "default"}
                color={copied ? "teal" : "gray"}
                onClick={copy}
                aria-label={copied ? `${label} copied` : `Copy ${label}`}
              >
                <CopyIcon copied={copied} />
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Box>
    </Box>
  );
}

function CopyIcon({ copied }: { copied: boolean }) {
  return copied ? (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <path d="M5 12l5 5L20 7" />
    </svg>
  ) : (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <rect x="9" y="9" width="11" height="11" rx="2" />
      <path d="M5 15V5a2 2 0 0 1 2-2h10" />
    </svg>
  );
}

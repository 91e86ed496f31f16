// Signatures are not verified (the sandbox trusts its callers), but the credential scope
// tells us who is calling, which service the request was signed for, and the region.
export type SigningScope = { accessKeyId: string; region: string; service: string };

const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

export function parseAuthorization(header: string | undefined): SigningScope | undefined {
  if (header === undefined) return undefined;
  const match = SCOPE.exec(header);
  if (match === null) return undefined;
  return { accessKeyId: match[1]!, region: match[2]!, service: match[3]! };
}

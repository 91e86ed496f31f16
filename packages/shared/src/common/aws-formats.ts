// Formats of AWS identifiers, as documented by AWS. Kept in one place so the integration
// and connector schemas, and the tests, agree on them.

/** `arn:aws:iam::<12-digit account>:role/<optional/path/>name`; commercial partition only. */
export const IAM_ROLE_ARN_PATTERN = /^arn:aws:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
export const IAM_ROLE_ARN_MAX = 2048;
export const IAM_ROLE_ARN_EXAMPLE = "arn:aws:iam::123456789012:role/RoleName";

/** IAM role names: 1–64 of letters, digits and `+=,.@_-`. */
export const IAM_ROLE_NAME_PATTERN = /^[\w+=,.@-]+$/;
export const IAM_ROLE_NAME_MAX = 64;

/** Organizational unit ids: `ou-` + 4–32 lowercase letters/digits + `-` + 8–32 of the same. */
export const OU_ID_PATTERN = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;
export const OU_ID_EXAMPLE = "ou-aaa1-11111111";

/** Tag keys: Unicode letters, digits, spaces and `_ . : / = + - @`, 1–128 characters. */
export const AWS_TAG_KEY_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
export const AWS_TAG_KEY_MAX = 128;

/** AWS CLI profile names as written in ~/.aws/config: no spaces or brackets. */
export const AWS_PROFILE_PATTERN = /^[\w.+@-]+$/;
export const AWS_PROFILE_MAX = 64;

/** 12-digit AWS account id. */
export const AWS_ACCOUNT_ID_PATTERN = /^\d{12}$/;

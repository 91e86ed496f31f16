// Who is calling, resolved from the request's access key id.
export type Caller = {
  readonly accessKeyId: string;
  // The account whose resources the call reads: the credential's own account, or the
  // assumed role's account for temporary credentials.
  readonly accountId: string;
  readonly arn: string;
  readonly userId: string;
  // The long-lived credential at the start of an AssumeRole chain.
  readonly sourceAccountId: string;
  readonly sourceArn: string;
  readonly assumedRole?: { readonly roleArn: string; readonly sessionName: string };
  readonly denyActions: readonly string[];
  // Set for access keys created with iam:CreateAccessKey: the user's policies authorise its calls.
  readonly iamUser?: { readonly accountId: string; readonly name: string };
};

import { zodResolver } from "@hookform/resolvers/zod";
import {
  Alert,
  Button,
  Center,
  Divider,
  Loader,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import {
  OIDC_SIGN_IN_ERRORS,
  type TLoginBody,
  type TLoginBodyInput,
  type TOidcSignInError,
  ZLoginBody,
} from "@portcullis/shared";
import { useEffect, useRef } from "react";
import { useForm } from "react-hook-form";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { isApiError } from "../../../lib/api-client.ts";
import { homePathFor, safeNextPath } from "../../../lib/paths.ts";
import { SESSION_ENDED_REASON, useMe, useOidcSignInOption, useSignIn } from "../api/auth.ts";

/** The sentence for `?oidc_error=…`, which the OIDC callback sets when a sign-in cannot complete. */
function oidcErrorMessage(reason: string | null): string | null {
  if (!reason) return null;
  return Object.hasOwn(OIDC_SIGN_IN_ERRORS, reason)
    ? OIDC_SIGN_IN_ERRORS[reason as TOidcSignInError]
    : OIDC_SIGN_IN_ERRORS.idp_error;
}

export function SignInPage() {
  const me = useMe();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const oidc = useOidcSignInOption();
  const oidcError = oidcErrorMessage(params.get("oidc_error"));
  const sessionEnded = params.get("reason") === SESSION_ENDED_REASON;
  const alertRef = useRef<HTMLDivElement>(null);
  const form = useForm<TLoginBodyInput, unknown, TLoginBody>({
    resolver: zodResolver(ZLoginBody),
    defaultValues: { email: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  useEffect(() => {
    document.title = "Sign in · Portcullis";
  }, []);

  useEffect(() => {
    if (errors.root) alertRef.current?.focus();
  }, [errors.root]);

  if (me.isPending) {
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (me.data && !signIn.isPending) return <Navigate to={next ?? homePathFor(me.data.role)} replace />;

  const onSubmit = form.handleSubmit(async (body) => {
    try {
      const signedIn = await signIn.mutateAsync(body);
      navigate(next ?? homePathFor(signedIn.role), { replace: true });
    } catch (error) {
      const message = isApiError(error) ? error.message : "Signing in failed. Try again.";
      form.setError("root", { message });
    }
  });

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <div>
              <Title order={1} size="h2">
                Portcullis
              </Title>
              <Text c="dimmed" size="sm">
                Sign in to manage AWS integrations or to see your access.
              </Text>
            </div>
            {sessionEnded && !errors.root?.message && (
              <Alert color="yellow" title="Your session ended — sign in to continue" role="note">
                {next
                  ? "You will be back where you were, with what you typed."
                  : "Sign in again to carry on."}
              </Alert>
            )}
            {oidcError && !errors.root?.message && (
              <Alert color="red" title="Could not sign in" role="alert">
                {oidcError}
              </Alert>
            )}
            {oidc.data?.enabled && (
              <>
                <Button
                  component="a"
                  href={`/api/auth/oidc/start${next ? `?next=${encodeURIComponent(next)}` : ""}`}
                  variant="default"
                  fullWidth
                >
                  Sign in with {oidc.data.display_name}
                </Button>
                <Divider label="or with a local password" labelPosition="center" />
              </>
            )}
            {errors.root?.message && (
              <Alert color="red" title="Could not sign in" ref={alertRef} tabIndex={-1} role="alert">
                {errors.root.message}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              autoFocus
              {...form.register("email")}
              error={errors.email?.message}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              {...form.register("password")}
              error={errors.password?.message}
            />
            <Button type="submit" loading={isSubmitting} fullWidth>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

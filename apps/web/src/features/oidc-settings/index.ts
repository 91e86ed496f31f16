// The OIDC sign-in settings page (admins); nothing else is shared.
export { OidcSettingsPage } from "./routes/oidc-settings-page.tsx";

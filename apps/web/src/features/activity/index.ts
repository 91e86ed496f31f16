// The Activity feature's public face: the page (routed in app/router.tsx).
export { ActivityPage } from "./routes/activity-page.tsx";

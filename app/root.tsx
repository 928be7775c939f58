import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useNavigation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { authMessages } from "#app/messages/auth.ts";
import { getAuth } from "#app/lib/auth.server.ts";
import { ErrorPage, revokedLinkOf } from "./components/error-page.tsx";
import { useNonce } from "./components/nonce.tsx";
import styles from "./styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// Pages set their own titles; this one shows where the root error boundary renders.
export const meta: MetaFunction = ({ error }) => [
  {
    title: !error
      ? "KAM Navigator"
      : revokedLinkOf(error)
        ? "Link no longer valid · KAM Navigator"
        : isRouteErrorResponse(error) && error.status === 404
        ? "Page not found · KAM Navigator"
        : "Something went wrong · KAM Navigator",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  return { user: auth ? { name: auth.user.name, email: auth.user.email, emailConfirmed: auth.user.emailVerifiedAt !== null } : null };
}

/** Routes that a respondent reaches by a personal link export this handle: no account is offered there. */
export interface RespondentPageHandle {
  respondentPage: true;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const matches = useMatches();
  // Someone answering by link has no account and needs none: no sign-in or sign-up to distract them.
  const linkRespondent = !data?.user && matches.some((match) => (match.handle as Partial<RespondentPageHandle> | undefined)?.respondentPage);
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          {linkRespondent ? (
            <span className="brand">
              <span aria-hidden="true" className="brand-mark">◆</span> KAM Navigator
            </span>
          ) : (
            <Link to="/" className="brand">
              <span aria-hidden="true" className="brand-mark">◆</span> KAM Navigator
            </Link>
          )}
          <nav aria-label="Account" className="account-nav">
            {data?.user ? (
              <>
                <NavLink to="/orgs">Organizations</NavLink>
                <NavLink to="/questionnaires">Questionnaires</NavLink>
                <NavLink to="/account">{data.user.name}</NavLink>
                <Form method="post" action="/signout">
                  <button type="submit" className="link-button">
                    Sign out
                  </button>
                </Form>
              </>
            ) : linkRespondent ? null : (
              <>
                <NavLink to="/signin">Sign in</NavLink>
                <NavLink to="/signup">Sign up</NavLink>
              </>
            )}
          </nav>
        </header>
        <PendingBar />
        <main id="main" tabIndex={-1}>
          {data?.user && !data.user.emailConfirmed ? <ConfirmationBanner email={data.user.email} /> : null}
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/** Until the address is confirmed: the person can work, and is reminded where the link went. */
function ConfirmationBanner({ email }: { email: string }) {
  return (
    <div className="banner banner-notice confirmation-banner">
      <p>{authMessages.confirmationBanner(email)}</p>
      <Form method="post" action="/account">
        <input type="hidden" name="intent" value="resend-confirmation" />
        <button type="submit" className="link-button">
          Send it again
        </button>
      </Form>
    </div>
  );
}

/** A thin bar at the top while a page or form submission is on its way. */
function PendingBar() {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return (
    <div className={busy ? "pending-bar active" : "pending-bar"} role="progressbar" aria-hidden={!busy} aria-label="Loading" />
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}

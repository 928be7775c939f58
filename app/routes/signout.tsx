import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getAuth } from "#app/lib/auth.server.ts";
import { serializeBlankSessionCookie } from "#app/lib/session.server.ts";
import { signOut } from "#app/services/accounts.server.ts";

export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await getAuth(request);
  if (auth) await signOut(auth);
  return redirect("/signin", { headers: { "Set-Cookie": serializeBlankSessionCookie() } });
}

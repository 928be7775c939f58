import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { getAuth } from "#app/lib/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "KAM Navigator" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getAuth(request)) throw redirect("/orgs");
  return null;
}

export default function Landing() {
  return (
    <section className="hero">
      <h1>Measure and grow your Key Account Management</h1>
      <p className="lead">
        KAM Navigator scores your organization's KAM maturity across eleven dimensions, with
        answers from every function, shows the gaps against best practice, and turns them into a
        Knowledge, Design and Implementation roadmap you can track.
      </p>
      <p className="actions">
        <Link className="button" to="/signup">
          Create an account
        </Link>
        <Link className="button button-secondary" to="/signin">
          Sign in
        </Link>
      </p>
    </section>
  );
}

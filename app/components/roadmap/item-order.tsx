import { Form, Link } from "@remix-run/react";

/** Moving the item among its siblings, and removing it after a confirmation. */
export function ItemOrderAndRemoval({ item, confirming, itemPath }: { item: { id: string; title: string; kind: "initiative" | "milestone" }; confirming: boolean; itemPath: (id: string) => string }) {
  return (
    <section className="card" aria-labelledby="order-heading">
      <h3 id="order-heading">Order and removal</h3>
      <div className="row-actions">
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="move" />
          <button type="submit" name="direction" value="up" className="button button-secondary">
            Move up
          </button>
          <button type="submit" name="direction" value="down" className="button button-secondary">
            Move down
          </button>
        </Form>
        {confirming ? null : (
          <Form method="get" className="inline-form">
            <input type="hidden" name="confirm" value="remove" />
            <button type="submit" className="button button-danger">
              Remove
            </button>
          </Form>
        )}
      </div>
      {confirming ? (
        <div className="banner banner-error confirm-remove" role="alertdialog" aria-labelledby="confirm-heading" aria-describedby="confirm-text">
          <h4 id="confirm-heading">Remove “{item.title}” from the roadmap?</h4>
          <p id="confirm-text">
            It leaves the timeline, the board and the progress counts
            {item.kind === "initiative" ? ", together with its milestones" : ""}. It stays stored with its notes and history.
          </p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="remove" />
            <button type="submit" className="button button-danger">
              Yes, remove it
            </button>
            <Link to={itemPath(item.id)} className="button button-secondary">
              Cancel
            </Link>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

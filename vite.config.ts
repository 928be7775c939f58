import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: false,
        v3_routeConfig: true,
      },
    }),
  ],
  server: { hmr: { port: 24690 } },
  optimizeDeps: {
    // The dependency scan follows *.server.ts imports; these must stay server-side.
    exclude: ["@node-rs/argon2", "@electric-sql/pglite", "postgres", "drizzle-orm"],
    // Pre-bundled once, so the lazily loaded chart does not pull in a second React copy.
    include: ["chart.js"],
  },
  ssr: {
    external: ["@node-rs/argon2", "@electric-sql/pglite", "postgres"],
  },
});

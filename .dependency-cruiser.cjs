// The arrows of STYLE.md, kept by a tool: http → domain → db/events; web → shared; server → shared.
module.exports = {
  forbidden: [
    { name: "domain-not-http", severity: "error", from: { path: "^src/server/domain" }, to: { path: "^src/server/http" } },
    { name: "db-not-above", severity: "error", from: { path: "^src/server/db" }, to: { path: "^src/server/(domain|http|events)" } },
    { name: "shared-stands-alone", severity: "error", from: { path: "^src/shared" }, to: { path: "^src/(server|web|widget)" } },
    { name: "web-not-server", severity: "error", from: { path: "^src/(web|widget)" }, to: { path: "^src/server" } },
    { name: "server-not-web", severity: "error", from: { path: "^src/server" }, to: { path: "^src/(web|widget)" } },
    { name: "src-not-tests", severity: "error", from: { path: "^src", pathNot: "\\.test\\.tsx?$" }, to: { path: "^test/" } },
    // Web features are islands (EXAMPLES.md, 11): what two features share lives in src/web/lib or components.
    {
      name: "features-are-islands",
      severity: "error",
      from: { path: "^src/web/features/([^/]+)/" },
      to: { path: "^src/web/features/", pathNot: "^src/web/features/$1/" },
    },
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "\\.test\\.tsx?$" },
  },
};

// The customer chat widget (src/widget): one self-contained, minified script, dist/widget/widget.js, in an
// IIFE so any page can load it with a plain <script> tag; no code splitting, CSS inlined into the script.
// The demo page that embeds it goes beside it as dist/widget/widget-demo.html.
import { readFileSync } from "node:fs";
import { defineConfig } from "vite";

export default defineConfig({
  publicDir: false,
  build: {
    outDir: "dist/widget",
    emptyOutDir: true,
    target: "es2022",
    minify: true,
    lib: {
      entry: "src/widget/main.ts",
      formats: ["iife"],
      name: "SwitchboardWidget",
      fileName: () => "widget.js",
    },
    rolldownOptions: { output: { codeSplitting: false } },
  },
  plugins: [
    {
      name: "widget-demo-page",
      generateBundle() {
        this.emitFile({
          type: "asset",
          fileName: "widget-demo.html",
          source: readFileSync("src/widget/demo.html", "utf8"),
        });
      },
    },
  ],
});

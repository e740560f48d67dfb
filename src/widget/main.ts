// widget.js: the customer chat widget, embedded with one tag on any page:
//   <script src="https://switchboard.example/widget.js" data-org="<organization id>" data-bot="Ava" async></script>
// The API is wherever this script came from, so the page needs no other setting.
import { ChatWidget } from "./widget";

// Read while the script runs: document.currentScript is null once anything has been awaited.
const script = (document.currentScript ??
  document.querySelector("script[data-org][src*='widget']")) as HTMLScriptElement | null;
const orgId = script?.dataset.org;

if (!script || !orgId) {
  console.error('Switchboard widget: add data-org="<organization id>" to its <script> tag.');
} else if (!document.querySelector("switchboard-chat")) {
  const widget = new ChatWidget({
    orgId,
    botName: script.dataset.bot?.trim() || "Assistant",
    apiOrigin: new URL(script.src, location.href).origin,
  });
  const mount = () => widget.mount(document.body);
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
}

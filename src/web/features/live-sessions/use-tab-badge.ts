// The browser-tab notification: "(3) Live Sessions · Switchboard", and a dot on the favicon while there
// is something to look at (seed-live-sessions.md, "Refresh notifications").
import { useEffect } from "react";

function faviconWithDot(dot: boolean): string {
  const canvas = document.createElement("canvas");
  canvas.width = 32;
  canvas.height = 32;
  const ctx = canvas.getContext("2d");
  if (!ctx) return "data:,";
  ctx.fillStyle = "#4c6ef5";
  ctx.beginPath();
  ctx.roundRect(2, 2, 28, 28, 7);
  ctx.fill();
  ctx.fillStyle = "#fff";
  ctx.font = "bold 20px sans-serif";
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText("S", 16, 17);
  if (dot) {
    ctx.fillStyle = "#fa5252";
    ctx.beginPath();
    ctx.arc(25, 7, 6.5, 0, Math.PI * 2);
    ctx.fill();
  }
  return canvas.toDataURL("image/png");
}

export function tabTitle(pending: number, overRed: number): string {
  const count = pending > 0 ? `(${pending}) ` : "";
  const late = overRed > 0 ? ` · ${overRed} waiting too long` : "";
  return `${count}Live Sessions${late} · Switchboard`;
}

export function useTabBadge(pending: number, overRed: number) {
  const title = tabTitle(pending, overRed);
  const dot = pending > 0 || overRed > 0;
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => {
    let link = document.querySelector<HTMLLinkElement>("link[rel='icon']");
    if (!link) {
      link = document.createElement("link");
      link.rel = "icon";
      document.head.appendChild(link);
    }
    link.href = faviconWithDot(dot);
    link.dataset.dot = String(dot);
  }, [dot]);
  useEffect(
    () => () => {
      document.title = "Switchboard";
    },
    [],
  );
}

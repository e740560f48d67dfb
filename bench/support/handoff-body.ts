// The hand-off a bot platform sends in every benchmark: a customer, a channel, a bot and a short bot
// transcript, varied a little so the Live Sessions rows look like real ones (several bots and channels).
import type { HandoffRequest } from "../../src/shared/sessions";

const channels = [
  { name: "Website", type: "web" },
  { name: "WhatsApp", type: "whatsapp" },
  { name: "SMS", type: "sms" },
  { name: "Messenger", type: "messenger" },
];
const bots = ["Helper Bot", "Billing Bot", "Orders Bot"];

export function handoffBody(n: number): HandoffRequest {
  return {
    customer: { name: `Customer ${n}`, email: `customer${n}@example.test` },
    channel: channels[n % channels.length],
    bot: { name: bots[n % bots.length] },
    attributes: { language: "en" },
    history: [
      { author: "customer", body: "My order has not arrived" },
      { author: "bot", body: "Let me get you a human." },
    ],
  };
}

// "Someone is typing": to this process's streams at once, and to the other processes through the bus.
import type { Typing } from "../../shared/agent-console";
import type { Services } from "./services";

export async function announceTyping(services: Services, orgId: string, typing: Typing) {
  services.hub.ephemeral(orgId, "typing", typing);
  await services.bus.publishEphemeral(orgId, "typing", typing);
}

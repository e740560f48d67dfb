// The demo's traffic: customers ask bots for a human, agents accept, chat, transfer and end, agents step
// away and come back — all through the real HTTP API, at a pace a person can watch on Live Sessions.
import { ApiClient } from "../../shared/api-client";
import type { DemoOrganization } from "./demo-seed";
import { DEMO_BOTS } from "./demo-seed";

const FIRST = [
  "Olivia",
  "Noah",
  "Emma",
  "Liam",
  "Mia",
  "Lucas",
  "Zara",
  "Mateo",
  "Chloe",
  "Arjun",
  "Fatima",
  "Kenji",
  "Sofia",
  "Ethan",
  "Amara",
  "Jonas",
  "Leila",
  "Hugo",
  "Ines",
  "Ravi",
];
const LAST = [
  "Smith",
  "García",
  "Chen",
  "Müller",
  "Okoye",
  "Rossi",
  "Kowalski",
  "Haddad",
  "Silva",
  "Nguyen",
  "Dubois",
  "Kim",
  "Novak",
  "Ahmed",
  "Jensen",
];
const CHANNELS = [
  { name: "Website", type: "web" },
  { name: "WhatsApp", type: "whatsapp" },
  { name: "SMS", type: "sms" },
  { name: "Messenger", type: "messenger" },
];
const TOPICS = [
  { attributes: { topic: "billing" }, line: "I was charged twice this month." },
  { attributes: { topic: "tech" }, line: "The app keeps logging me out." },
  { attributes: { language: "es" }, line: "Necesito ayuda con mi pedido." },
  { attributes: { topic: "orders" }, line: "Where is my parcel?" },
  { attributes: {}, line: "I'd like to speak to a person." },
];
const CUSTOMER_LINES = [
  "Thanks, one moment.",
  "Yes, that's right.",
  "Could you check again?",
  "It says error 42.",
  "Great, that helps!",
];
const AGENT_LINES = [
  "Let me look into that for you.",
  "Could you confirm your account email?",
  "I've updated it on our side.",
  "Is there anything else I can help with?",
];

interface Chat {
  sessionId: string;
  conversationId: string;
  teamId: string;
  agent?: DemoOrganization["agents"][number];
}

export interface SimulatorOptions {
  /** Mean seconds between new hand-offs. */
  meanArrivalSeconds?: number;
  /** Multiplies every delay: 0.1 runs the demo ten times faster. */
  timeScale?: number;
  random?: () => number;
  onError?: (error: unknown) => void;
}

export class TrafficSimulator {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly bot: ApiClient;
  private readonly supervisor: ApiClient;
  private readonly online = new Set<string>();
  private running = false;
  private readonly random: () => number;
  private readonly scale: number;
  private readonly meanArrival: number;

  constructor(
    private readonly baseUrl: string,
    private readonly demo: DemoOrganization,
    private readonly options: SimulatorOptions = {},
  ) {
    this.bot = new ApiClient(baseUrl, { key: demo.apiKey });
    this.supervisor = new ApiClient(baseUrl, { cookie: demo.supervisorToken });
    this.random = options.random ?? Math.random;
    this.scale = options.timeScale ?? 1;
    this.meanArrival = options.meanArrivalSeconds ?? 7;
  }

  async start() {
    this.running = true;
    // Most agents start the day online; the rest drift in and out.
    for (const [i, agent] of this.demo.agents.entries()) {
      const status = i % 4 === 3 ? "away" : "online";
      await this.agentApi(agent).put(`/agents/${agent.id}/status`, { status });
      if (status === "online") this.online.add(agent.id);
    }
    await this.adoptLiveSessions();
    this.scheduleArrival();
    this.every(30, () => this.driftAgentStatus());
  }

  stop() {
    this.running = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private agentApi(agent: { token: string }) {
    return new ApiClient(this.baseUrl, { cookie: agent.token });
  }

  private later(seconds: number, action: () => Promise<void> | void) {
    if (!this.running) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (!this.running) return;
        Promise.resolve(action()).catch((error) => this.options.onError?.(error));
      },
      seconds * 1000 * this.scale,
    );
    this.timers.add(timer);
  }

  private every(seconds: number, action: () => Promise<void>) {
    this.later(seconds, async () => {
      await action();
      this.every(seconds, action);
    });
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)];
  }

  private between(min: number, max: number) {
    return min + this.random() * (max - min);
  }

  /** Sessions left from an earlier run keep moving instead of queuing forever. */
  private async adoptLiveSessions() {
    const snapshot = await this.supervisor.get("/live-sessions");
    for (const session of snapshot.body?.sessions ?? []) {
      const chat: Chat = { sessionId: session.id, conversationId: session.conversationId, teamId: session.team.id };
      if (session.status === "queued") this.later(this.between(2, 40), () => this.accept(chat));
      else {
        chat.agent = this.demo.agents.find((a) => a.id === session.agent?.id);
        if (chat.agent) this.later(this.between(10, 120), () => this.finish(chat));
      }
    }
  }

  private scheduleArrival() {
    const wait = -Math.log(1 - this.random()) * this.meanArrival;
    this.later(wait, async () => {
      this.scheduleArrival();
      await this.arrive();
    });
  }

  private async arrive() {
    const topic = this.pick(TOPICS);
    const reply = await this.bot.post("/handoffs", {
      customer: { name: `${this.pick(FIRST)} ${this.pick(LAST)}` },
      channel: this.pick(CHANNELS),
      bot: { name: this.pick(DEMO_BOTS) },
      attributes: topic.attributes,
      history: [
        { author: "customer", body: topic.line },
        { author: "bot", body: "I'll connect you with one of our team." },
      ],
    });
    if (reply.status !== 201) return;
    const chat: Chat = {
      sessionId: reply.body.sessionId,
      conversationId: reply.body.conversationId,
      teamId: reply.body.team.id,
    };
    // Waits are skewed: most are short, a few are long enough to turn the wait cell amber or red.
    this.later(5 + this.random() ** 2 * 200, () => this.accept(chat));
    if (this.random() < 0.06) this.later(this.between(20, 120), () => this.customerLeaves(chat));
  }

  private async accept(chat: Chat) {
    const candidates = this.demo.agents.filter((a) => a.teamIds.includes(chat.teamId) && this.online.has(a.id));
    if (candidates.length === 0) {
      this.later(15, () => this.accept(chat));
      return;
    }
    const agent = this.pick(candidates);
    const reply = await this.agentApi(agent).post(`/sessions/${chat.sessionId}/accept`);
    if (reply.status === 409 && reply.body?.error?.code === "agent_not_online") {
      this.later(5, () => this.accept(chat));
      return;
    }
    if (reply.status !== 200) return;
    chat.agent = agent;
    this.later(this.between(3, 10), () => this.converse(chat, 0));
    this.later(this.between(60, 420), () => this.finish(chat));
  }

  private async converse(chat: Chat, turn: number) {
    if (!chat.agent) return;
    const fromCustomer = turn % 2 === 1;
    const reply = fromCustomer
      ? await this.bot.post(`/conversations/${chat.conversationId}/messages`, { body: this.pick(CUSTOMER_LINES) })
      : await this.agentApi(chat.agent).post(`/conversations/${chat.conversationId}/messages`, {
          body: this.pick(AGENT_LINES),
        });
    if (reply.status === 201) this.later(this.between(8, 25), () => this.converse(chat, turn + 1));
  }

  private async finish(chat: Chat) {
    if (!chat.agent) return;
    const api = this.agentApi(chat.agent);
    const others = this.demo.teams.filter((t) => t.id !== chat.teamId);
    if (this.random() < 0.12 && others.length > 0) {
      const target = this.pick(others);
      const reply = await api.post(`/sessions/${chat.sessionId}/transfer`, {
        teamId: target.id,
        note: "Customer needs a specialist",
      });
      if (reply.status === 200) {
        const next: Chat = { sessionId: reply.body.queued.id, conversationId: chat.conversationId, teamId: target.id };
        chat.agent = undefined;
        this.later(5 + this.random() ** 2 * 120, () => this.accept(next));
      }
      return;
    }
    await api.post(`/sessions/${chat.sessionId}/end`, { reason: "resolved" });
    chat.agent = undefined;
  }

  private async customerLeaves(chat: Chat) {
    if (chat.agent) return;
    await this.bot.post(`/sessions/${chat.sessionId}/end`, { reason: "customer_left" });
  }

  private async driftAgentStatus() {
    const agent = this.pick(this.demo.agents);
    const goingAway = this.online.has(agent.id);
    // Keep most of the floor staffed.
    if (goingAway && this.online.size <= Math.ceil(this.demo.agents.length * 0.6)) return;
    const status = goingAway ? "away" : "online";
    const reply = await this.agentApi(agent).put(`/agents/${agent.id}/status`, { status });
    if (reply.status !== 200) return;
    if (goingAway) this.online.delete(agent.id);
    else this.online.add(agent.id);
  }
}

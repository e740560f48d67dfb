// An organization's configuration (PRODUCT.md, "Routing and assignment"; Live Sessions thresholds).
import { z } from "zod";

export const settingsSchema = z
  .object({
    autoAccept: z.boolean().default(false),
    maxChatsPerAgent: z.number().int().min(1).max(100).default(10),
    roundRobin: z.boolean().default(false),
    queueTimeoutMinutes: z.number().int().min(1).max(1440).nullable().default(null),
    waitThresholds: z
      .object({ amberSeconds: z.number().int().min(1).max(86_400), redSeconds: z.number().int().min(1).max(86_400) })
      .refine((t) => t.redSeconds > t.amberSeconds, { message: "red must be above amber", path: ["redSeconds"] })
      .default({ amberSeconds: 60, redSeconds: 180 }),
  })
  .meta({ id: "Settings" });
export type Settings = z.infer<typeof settingsSchema>;
export const defaultSettings: Settings = settingsSchema.parse({});

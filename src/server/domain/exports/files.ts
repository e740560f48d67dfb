// Where an export's finished file lives: one file per job, named by its id, in the exports folder
// (EXPORTS_DIR; every server process of an installation must see the same folder).
import path from "node:path";

export const exportFilePath = (dir: string, jobId: string) => path.join(dir, `${jobId}.csv`);

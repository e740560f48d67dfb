// Tests use the same API client as the simulator and the benchmarks.
export { ApiClient, type Reply } from "../../src/shared/api-client";

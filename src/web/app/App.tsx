// The shell page served by the server until the consoles are built: who is signed in, and where to go.
import { useEffect, useState } from "react";

export function App() {
  const [me, setMe] = useState<{ user: { name: string; roles: string[] } } | null | "loading">("loading");
  useEffect(() => {
    fetch("/api/v1/me")
      .then((r) => (r.ok ? r.json() : null))
      .then(setMe, () => setMe(null));
  }, []);
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 640, margin: "4rem auto" }}>
      <h1>Switchboard</h1>
      <p>The live-agent console for contact centres.</p>
      {me === "loading" ? <p>Loading…</p> : me ? <p>Signed in as {me.user.name}.</p> : <p>Not signed in.</p>}
      <p>
        API: <a href="/api/openapi.json">OpenAPI document</a>
      </p>
    </main>
  );
}

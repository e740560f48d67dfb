// Opt-in desktop notification and sound for new queued requests. Both are remembered per user; a sound
// plays in one tab only (the one holding the live stream), and notifications share a tag per session so
// several open tabs show one.
import { useLocalStorage } from "@mantine/hooks";
import { useCallback } from "react";
import type { LiveSession } from "../../shared/sessions";
import { useLiveFeed } from "./live/context";

function beep() {
  const audio = new AudioContext();
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start();
  oscillator.stop(audio.currentTime + 0.4);
  oscillator.onended = () => void audio.close();
}

export function useNewRequestAlerts(userId: string) {
  const feed = useLiveFeed();
  const [desktop, setDesktop] = useLocalStorage({ key: `switchboard:desktop-alerts:${userId}`, defaultValue: false });
  const [sound, setSound] = useLocalStorage({ key: `switchboard:sound-alerts:${userId}`, defaultValue: false });

  const enableDesktop = useCallback(
    async (on: boolean) => {
      if (on && typeof Notification !== "undefined" && Notification.permission !== "granted") {
        const permission = await Notification.requestPermission();
        if (permission !== "granted") return setDesktop(false);
      }
      setDesktop(on);
    },
    [setDesktop],
  );

  const alert = useCallback(
    (session: LiveSession) => {
      if (session.status !== "queued") return;
      if (desktop && typeof Notification !== "undefined" && Notification.permission === "granted") {
        new Notification("New chat request", {
          body: `${session.customer.name} · ${session.team.name}`,
          tag: session.id,
        });
      }
      if (sound && (feed?.isLeader ?? true)) beep();
    },
    [desktop, sound, feed],
  );

  return { desktop, sound, enableDesktop, setSound, alert };
}

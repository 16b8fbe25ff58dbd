/**
 * "Read aloud" through the Web Speech API, only with a voice the device already
 * has (localService): a network voice would send the question to a server, and
 * nothing may be downloaded. No such voice for the language: no button.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';

const synthesis = (): SpeechSynthesis | null => (typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null);

export function useLocalVoice(language: string | null): SpeechSynthesisVoice | null {
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>(() => synthesis()?.getVoices() ?? []);
  useEffect(() => {
    const speech = synthesis();
    if (!speech) return;
    // Chromium lists its voices a moment after the page loads.
    const update = () => setVoices([...speech.getVoices()]);
    update();
    speech.addEventListener('voiceschanged', update);
    return () => speech.removeEventListener('voiceschanged', update);
  }, []);
  return useMemo(() => (language ? (voices.find((v) => v.localService && v.lang.toLowerCase().split(/[-_]/)[0] === language) ?? null) : null), [voices, language]);
}

/** Speaks a text with a voice, or stops; `speaking` is true while it reads. */
export function useSpeech(): { speaking: boolean; speak: (text: string, voice: SpeechSynthesisVoice) => void; stop: () => void } {
  const [speaking, setSpeaking] = useState(false);
  const stop = useCallback(() => {
    synthesis()?.cancel();
    setSpeaking(false);
  }, []);
  const speak = useCallback((text: string, voice: SpeechSynthesisVoice) => {
    const speech = synthesis();
    if (!speech) return;
    speech.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.onend = () => setSpeaking(false);
    utterance.onerror = () => setSpeaking(false);
    setSpeaking(true);
    speech.speak(utterance);
  }, []);
  // Leaving the question stops the reading.
  useEffect(() => () => synthesis()?.cancel(), []);
  return { speaking, speak, stop };
}

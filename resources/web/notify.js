// Making a new critical alert impossible to miss in a browser tab: a short two-tone sound through
// WebAudio and the tab title blinking until the user looks at the alerts. Browsers only let audio
// start after a user gesture, so the AudioContext is created on the sign-in click.

import { t } from './i18n.js';

let audio = null;
let blinkTimer = 0;
let baseTitle = document.title;

export function unlockAudio() {
  try {
    if (!audio) audio = new AudioContext();
    if (audio.state === 'suspended') audio.resume();
  } catch (e) {
    audio = null; // no WebAudio: the title still blinks
  }
}

export function setBaseTitle(title) {
  baseTitle = title;
  if (!blinkTimer) document.title = title;
}

export function playAlarm() {
  // Counted on the page so that a browser test can see the alarm went off.
  const root = document.documentElement;
  root.dataset.alarms = String((Number(root.dataset.alarms) || 0) + 1);
  if (!audio) return false;
  const start = audio.currentTime + 0.02;
  for (let i = 0; i < 3; i++) {
    for (const [offset, freq] of [[0, 880], [0.18, 660]]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      const at = start + i * 0.45 + offset;
      osc.type = 'square';
      osc.frequency.setValueAtTime(freq, at);
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.15, at + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
      osc.connect(gain).connect(audio.destination);
      osc.start(at);
      osc.stop(at + 0.17);
    }
  }
  return true;
}

export function startBlinking() {
  if (blinkTimer) return;
  let on = false;
  blinkTimer = setInterval(() => {
    on = !on;
    document.title = on ? `${t('al.title_blink')} · ${baseTitle}` : baseTitle;
  }, 800);
  document.documentElement.dataset.blinking = 'true';
}

export function stopBlinking() {
  if (!blinkTimer) return;
  clearInterval(blinkTimer);
  blinkTimer = 0;
  document.title = baseTitle;
  delete document.documentElement.dataset.blinking;
}

export function isBlinking() {
  return blinkTimer !== 0;
}

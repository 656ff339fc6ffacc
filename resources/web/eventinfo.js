// The key attributes of a recognition event (the ones a guard looks at), read from the same places
// the Sender's filters read them (see the API contract, section 5), and a one-line summary.

import { t } from './i18n.js';

const GENDER = { 0: 'gender.0', 1: 'gender.1' };
const LIVENESS = ['spoof', 'real', 'unknown'];
const MASKS = { 1: 'missing', 2: 'medical_mask', 3: 'occluded' };
const EMOTIONS = { 1: 'anger', 2: 'disgust', 3: 'fear', 4: 'happiness', 5: 'neutral', 6: 'sadness', 7: 'surprise' };

function get(obj, path) {
  let cur = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[key];
  }
  return cur;
}

function faceAttribute(event, name) {
  const agg = get(event, ['aggregate_estimations', 'face', 'attributes', name]);
  if (agg !== undefined) return agg;
  const detections = Array.isArray(event.detections) ? event.detections : [];
  for (const d of detections) {
    const v = get(d, ['samples', 'face', 'detection', 'attributes', name]);
    if (v !== undefined) return v;
  }
  return undefined;
}

// The recognition event inside what a subscriber gets: the stream's "event" is the message exactly
// as subscribers receive it, which on /2/ws wraps one event in {"Luna-Request-id", "event", ...}.
// A bare event (no object under "event") is returned as it is.
export function recognitionEvent(message) {
  const inner = message && typeof message === 'object' ? message.event : undefined;
  return inner && typeof inner === 'object' && !Array.isArray(inner) ? inner : message;
}

// Returns [[labelKey, text], ...] in display order, only for what the event has.
export function keyAttributes(message) {
  const event = recognitionEvent(message);
  const out = [];
  if (!event || typeof event !== 'object') return out;
  if (typeof event.source === 'string') out.push(['attr.source', event.source]);
  const matches = Array.isArray(event.matches) ? event.matches : [];
  const labels = matches.map((m) => m && m.label).filter((l) => typeof l === 'string');
  if (labels.length) out.push(['attr.label', labels.join(', ')]);
  let best = -1;
  for (const m of matches) {
    for (const c of (m && Array.isArray(m.candidates) ? m.candidates : [])) {
      if (c && typeof c.similarity === 'number') best = Math.max(best, c.similarity);
    }
  }
  if (best >= 0) out.push(['attr.similarity', best.toFixed(3)]);
  const basic = get(event, ['face_attributes', 'basic_attributes']);
  if (basic && typeof basic.age === 'number') out.push(['attr.age', String(Math.round(basic.age))]);
  if (basic && basic.gender in GENDER) out.push(['attr.gender', t(GENDER[basic.gender])]);
  const live = get(faceAttribute(event, 'liveness'), ['prediction']);
  if (typeof live === 'number') out.push(['attr.liveness', LIVENESS[live] ?? String(live)]);
  const mask = get(faceAttribute(event, 'mask'), ['predominant_mask']);
  if (mask !== undefined) out.push(['attr.mask', MASKS[mask] ?? String(mask)]);
  const emo = get(faceAttribute(event, 'emotions'), ['predominant_emotion']);
  if (emo !== undefined) out.push(['attr.emotion', EMOTIONS[emo] ?? String(emo)]);
  if (Array.isArray(event.tags) && event.tags.length) out.push(['attr.tags', event.tags.join(', ')]);
  if (typeof event.user_data === 'string' && event.user_data) out.push(['attr.user_data', event.user_data]);
  return out;
}

export function summary(event) {
  return keyAttributes(event)
    .filter(([k]) => k !== 'attr.source')
    .map(([k, v]) => `${t(k)}: ${v}`)
    .join(' · ');
}

// JSON paths (with * for any array index) drawn highlighted in the tree, for a bare event and for
// one inside a subscriber's message ("event." in front).
const EVENT_KEY_PATHS = [
  'source', 'user_data', 'tags',
  'matches.*.label', 'matches.*.candidates.*.similarity',
  'face_attributes.basic_attributes.age', 'face_attributes.basic_attributes.gender',
  'aggregate_estimations.face.attributes.liveness.prediction',
  'aggregate_estimations.face.attributes.mask.predominant_mask',
  'aggregate_estimations.face.attributes.emotions.predominant_emotion',
];
export const KEY_PATHS = new Set([...EVENT_KEY_PATHS, ...EVENT_KEY_PATHS.map((p) => `event.${p}`)]);

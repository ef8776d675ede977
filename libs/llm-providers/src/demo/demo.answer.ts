import { seededRandom } from '../core/seeded-random';
import { estimateTokens } from '../core/usage';
import type { StopSequences } from '../openai-api/openai.types';

const INTRO = 'This is the demo model of your LLM gateway';
const OUTRO = 'Connect a provider in the admin UI to talk to a real model.';
const MAX_QUOTE = 200;

function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_QUOTE ? `${oneLine.slice(0, MAX_QUOTE)}…` : oneLine;
}

/** The canned chat answer: a fixed sentence that repeats what the user said. */
export function demoChatAnswer(lastUserText: string): string {
  const said = quote(lastUserText);
  return said ? `${INTRO}. You said: "${said}". ${OUTRO}` : `${INTRO}. ${OUTRO}`;
}

/** The canned completion for one prompt. */
export function demoCompletionAnswer(prompt: string): string {
  const wrote = quote(prompt);
  return wrote ? ` ${INTRO}. You wrote: "${wrote}". ${OUTRO}` : ` ${INTRO}. ${OUTRO}`;
}

export interface Limited {
  text: string;
  finishReason: 'stop' | 'length';
}

/** Applies `stop` sequences (cut before the first) and a token limit (about 4 characters a token), as a model would. */
export function applyLimits(
  text: string,
  stop: StopSequences | null | undefined,
  maxTokens: number | null | undefined,
): Limited {
  let out = text;
  for (const seq of typeof stop === 'string' ? [stop] : (stop ?? [])) {
    const at = seq ? out.indexOf(seq) : -1;
    if (at >= 0) out = out.slice(0, at);
  }
  if (maxTokens && estimateTokens(out) > maxTokens)
    return { text: out.slice(0, maxTokens * 4), finishReason: 'length' };
  return { text: out, finishReason: 'stop' };
}

/** Splits an answer into streaming pieces of a few words each (whitespace kept). */
export function streamPieces(text: string, wordsPerPiece = 3): string[] {
  const words = text.match(/\s*\S+/g) ?? [];
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerPiece)
    pieces.push(words.slice(i, i + wordsPerPiece).join(''));
  return pieces;
}

export const DEMO_EMBEDDING_DIMENSIONS = 256;

/**
 * A deterministic unit-length vector for a text: pseudo-random values seeded by its hash,
 * normalised, then rounded to float32 so a base64 round trip is exact.
 */
export function demoEmbedding(text: string, dimensions = DEMO_EMBEDDING_DIMENSIONS): number[] {
  const random = seededRandom(text);
  const raw = Array.from({ length: dimensions }, () => random() * 2 - 1);
  const norm = Math.sqrt(raw.reduce((sum, v) => sum + v * v, 0)) || 1;
  return raw.map((v) => Math.fround(v / norm));
}

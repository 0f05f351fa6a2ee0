/**
 * A stored model with the checkpoints it kept under other rules
 * (`training.keepCheckpoints`): the model's own bytes (exactly what it saves without kept
 * checkpoints) and, per kept rule, the same model saved with that rule's weights, packed as
 *
 *   "FFCKPT01" | u32 LE header length | header JSON | own bytes | each kept rule's bytes
 *
 * with the header `{ own: { rule, epoch, length }, kept: [{ rule, epoch, length }] }`.
 * `loadLayersModel` (`serialize.ts`) reads the own model from a pack, so every reader of
 * stored weights sees the fit's own selection; a predict node re-selects a kept rule with
 * {@link checkpointBytes}.
 */
import type { CheckpointSelection } from "./trainer_config.ts";

const MAGIC = "FFCKPT01";

export interface PackedCheckpoint {
  rule: CheckpointSelection;
  epoch: number | null;
}

interface Entry extends PackedCheckpoint {
  length: number;
}

interface Header {
  own: Entry;
  kept: Entry[];
}

export function isCheckpointPack(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length + 4 &&
    new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) === MAGIC;
}

/** Packs the own model's bytes with each kept rule's model bytes. */
export function packCheckpoints(
  own: PackedCheckpoint & { bytes: Uint8Array },
  kept: (PackedCheckpoint & { bytes: Uint8Array })[],
): Uint8Array {
  const entry = ({ rule, epoch, bytes }: PackedCheckpoint & { bytes: Uint8Array }) => ({
    rule,
    epoch,
    length: bytes.length,
  });
  const header: Header = { own: entry(own), kept: kept.map(entry) };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const parts = [own.bytes, ...kept.map((k) => k.bytes)];
  const total = MAGIC.length + 4 + headerBytes.length + parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, headerBytes.length, true);
  let offset = MAGIC.length + 4;
  for (const part of [headerBytes, ...parts]) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The pack's header and the offset of the own model's bytes. */
function readPack(bytes: Uint8Array): { header: Header; start: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(MAGIC.length, true);
  const start = MAGIC.length + 4 + headerLength;
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, start)),
  ) as Header;
  const needed = start + [header.own, ...header.kept].reduce((n, e) => n + e.length, 0);
  if (needed !== bytes.length) {
    throw new Error(
      `checkpoint pack: the header describes ${needed} bytes but there are ${bytes.length}; ` +
        "the stored model is damaged, refit it",
    );
  }
  return { header, start };
}

/** The own model's bytes of a pack; any other bytes pass through. */
export function ownModelBytes(bytes: Uint8Array): Uint8Array {
  if (!isCheckpointPack(bytes)) return bytes;
  const { header, start } = readPack(bytes);
  return bytes.subarray(start, start + header.own.length);
}

/** The own rule and the kept rules of stored bytes (a plain model keeps none). */
export function packedRules(
  bytes: Uint8Array,
): { own: PackedCheckpoint | null; kept: PackedCheckpoint[] } {
  if (!isCheckpointPack(bytes)) return { own: null, kept: [] };
  const { header } = readPack(bytes);
  const plain = ({ rule, epoch }: Entry) => ({ rule, epoch });
  return { own: plain(header.own), kept: header.kept.map(plain) };
}

/**
 * The model bytes selected by `rule`: the own model's when `rule` is the pack's own rule
 * (or the bytes are no pack and `ownRule` is `rule`), a kept rule's model, or null when
 * the fit did not keep `rule`.
 */
export function checkpointBytes(
  bytes: Uint8Array,
  rule: CheckpointSelection,
  ownRule: string | null,
): Uint8Array | null {
  if (!isCheckpointPack(bytes)) return rule === ownRule ? bytes : null;
  const { header, start } = readPack(bytes);
  if (header.own.rule === rule) return bytes.subarray(start, start + header.own.length);
  let offset = start + header.own.length;
  for (const entry of header.kept) {
    if (entry.rule === rule) return bytes.subarray(offset, offset + entry.length);
    offset += entry.length;
  }
  return null;
}

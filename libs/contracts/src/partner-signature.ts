import { createPrivateKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** The partner a message is from: its id, as registered with the service. */
export const PARTNER_ID_HEADER = 'x-partner-id';
/** Base64url Ed25519 signature of `signedBytes(topic, key, value)` with the partner's private key. */
export const PARTNER_SIGNATURE_HEADER = 'x-partner-signature';

/**
 * What a partner signs: the topic, the key and the value, so a signed message cannot be moved to
 * another topic or key. Each part is length-prefixed, so no two messages sign the same bytes.
 */
export function signedBytes(
  topic: string,
  key: Buffer | string | null,
  value: Buffer | string | null,
): Buffer {
  const parts = [topic, key ?? '', value ?? ''].map((p) =>
    typeof p === 'string' ? Buffer.from(p, 'utf8') : p,
  );
  return Buffer.concat(
    parts.flatMap((p) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(p.length);
      return [length, p];
    }),
  );
}

/** The headers a partner adds to a message it publishes (its private key as PKCS#8 PEM or a KeyObject). */
export function partnerSignatureHeaders(
  partnerId: string,
  privateKey: string | KeyObject,
  message: { topic: string; key: Buffer | string | null; value: Buffer | string | null },
): Record<string, string> {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  const signature = sign(null, signedBytes(message.topic, message.key, message.value), key);
  return { [PARTNER_ID_HEADER]: partnerId, [PARTNER_SIGNATURE_HEADER]: signature.toString('base64url') };
}

/** Whether `signature` (base64url) is `partner`'s Ed25519 signature of the message. */
export function partnerSignatureValid(
  publicKey: KeyObject,
  signature: string,
  message: { topic: string; key: Buffer | string | null; value: Buffer | string | null },
): boolean {
  return (
    /^[A-Za-z0-9_-]{86}$/.test(signature) &&
    verify(
      null,
      signedBytes(message.topic, message.key, message.value),
      publicKey,
      Buffer.from(signature, 'base64url'),
    )
  );
}

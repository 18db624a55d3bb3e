import { print } from 'graphql';
import { MeDocument, type MeQuery } from '../gql/graphql';

/** Asks the gateway who the token belongs to; throws with the gateway's message when it refuses it. */
export async function verifyToken(token: string): Promise<MeQuery['me']> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(MeDocument) }),
  });
  const body = (await response.json().catch(() => null)) as
    | { data?: MeQuery | null; errors?: { message: string }[] }
    | null;
  if (!body?.data?.me) {
    throw new Error(body?.errors?.map((e) => e.message).join('; ') || `HTTP ${response.status}`);
  }
  return body.data.me;
}

/** The `?token=` that authenticates a callback to the LiangXin Trigger (a linear pattern: no backtracking). */
const TOKEN_IN_URL = /([?&]token=)[^&#\s"\\]+/gi;

/** Hides the Secret Token of callback URLs in `text` (a URL, or JSON that holds one) before it is output. */
export function maskCallbackToken(text: string): string {
	return text.replace(TOKEN_IN_URL, '$1***');
}

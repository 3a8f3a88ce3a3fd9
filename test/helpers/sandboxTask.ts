import type { Sandbox } from '../../tools/sandbox';

/** Creates a task in the sandbox over HTTP and returns its recordInfo answer once it is final. */
export async function finishedTaskAnswer(sandbox: Pick<Sandbox, 'apiKey' | 'baseUrl'>, model: string, prompt: string): Promise<unknown> {
	const headers = { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' };
	const created = await fetch(`${sandbox.baseUrl}/api/v1/jobs/createTask`, { method: 'POST', headers, body: JSON.stringify({ model, input: { prompt } }) });
	const { data } = (await created.json()) as { data: { taskId: string } };
	for (;;) {
		const answer = (await (await fetch(`${sandbox.baseUrl}/api/v1/jobs/recordInfo?taskId=${data.taskId}`, { headers })).json()) as { data: { state: string } };
		if (answer.data.state === 'success' || answer.data.state === 'fail') return answer;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

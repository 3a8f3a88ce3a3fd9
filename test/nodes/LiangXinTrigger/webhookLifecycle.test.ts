import type { IHookFunctions } from 'n8n-workflow';

import { LiangXinTrigger } from '../../../nodes/LiangXinTrigger/LiangXinTrigger.node';

/** A hook context that fails the test on any use: the lifecycle must not call n8n or LiangXin. */
const untouchableContext = new Proxy({} as IHookFunctions, {
	get: (_target, property) => {
		throw new Error(`the webhook lifecycle used this.${String(property)}`);
	},
});

describe('the trigger webhook lifecycle (LiangXin has no webhook registration)', () => {
	const lifecycle = new LiangXinTrigger().webhookMethods.default;

	it('finds no registration at LiangXin, so n8n goes on to create', async () => {
		expect(await lifecycle.checkExists.call(untouchableContext)).toBe(false);
	});

	it('creates and deletes successfully without a request: the callback URL travels with each task', async () => {
		expect(await lifecycle.create.call(untouchableContext)).toBe(true);
		expect(await lifecycle.delete.call(untouchableContext)).toBe(true);
	});
});

import type { IHookFunctions } from 'n8n-workflow';

import { LiangXinImage } from '../../../../nodes/LiangXinImage/LiangXinImage.node';
import { LiangXinNanoBananaPro } from '../../../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import { LiangXinTrigger } from '../../../../nodes/LiangXinTrigger/LiangXinTrigger.node';

/** A hook context that fails the test on any use: the lifecycle must not call n8n or LiangXin. */
const untouchableContext = new Proxy({} as IHookFunctions, {
	get: (_target, property) => {
		throw new Error(`the webhook lifecycle used this.${String(property)}`);
	},
});

describe.each([
	['the trigger', new LiangXinTrigger()],
	['Nano Banana Pro (the pause resume webhook)', new LiangXinNanoBananaPro()],
	['LiangXin Image (the pause resume webhook)', new LiangXinImage()],
])('the webhook lifecycle of %s (LiangXin has no webhook registration)', (_name, node) => {
	const lifecycle = node.webhookMethods.default;

	it('finds no registration at LiangXin, so n8n goes on to create', async () => {
		expect(await lifecycle.checkExists.call(untouchableContext)).toBe(false);
	});

	it('creates and deletes successfully without a request: the callback URL travels with each task', async () => {
		expect(await lifecycle.create.call(untouchableContext)).toBe(true);
		expect(await lifecycle.delete.call(untouchableContext)).toBe(true);
	});
});

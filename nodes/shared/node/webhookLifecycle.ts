import type { IHookFunctions } from 'n8n-workflow';

/**
 * What n8n runs when a workflow with a LiangXin webhook is activated and deactivated. LiangXin has no
 * webhook registration: the callback URL travels with each task (the trigger's URL in Callback URL,
 * or the execution's resume URL in Wait Mode's pause), so there is nothing to find, create or delete
 * on LiangXin's side, and no request is made.
 */
export const webhookLifecycle = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		return false;
	},
	async create(this: IHookFunctions): Promise<boolean> {
		return true;
	},
	async delete(this: IHookFunctions): Promise<boolean> {
		return true;
	},
};

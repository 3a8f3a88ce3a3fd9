import type {
	IAuthenticateGeneric,
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { API_PATH, NORMALIZED_BASE_URL_EXPRESSION } from '../nodes/shared/platform/apiAddress';

const refusedKey: IAuthenticateRuleResponseCode = {
	type: 'responseCode',
	properties: { value: 401, message: 'The API key was refused (HTTP 401). Check the API key.' },
};

const accessDenied: IAuthenticateRuleResponseCode = {
	type: 'responseCode',
	properties: {
		value: 403,
		message: 'The API key is valid but access is denied or the quota is used up (HTTP 403). Check your LiangXin account.',
	},
};

// n8n 1.x takes `ignoreHttpStatusErrors` as a plain flag and lets 401 and 403 through as answers:
// there the verdicts come from the bodies, the platform's `{error: {type: 'new_api_error'}}` for a
// refused key and the task layer's `{code: 403}` for denied access.
const refusedKeyBody: IAuthenticateRuleResponseSuccessBody = {
	type: 'responseSuccessBody',
	properties: { key: 'error.type', value: 'new_api_error', message: refusedKey.properties.message },
};

const accessDeniedBody: IAuthenticateRuleResponseSuccessBody = {
	type: 'responseSuccessBody',
	properties: { key: 'code', value: 403, message: accessDenied.properties.message },
};

// Every LiangXin answer past the auth layer is an envelope with a `code`.
const notLiangXin: IAuthenticateRuleResponseSuccessBody = {
	type: 'responseSuccessBody',
	properties: { key: 'code', value: undefined, message: 'The Base URL answered, but not like LiangXin. Check the Base URL.' },
};

export class LiangXinApi implements ICredentialType {
	name = 'liangXinApi';

	displayName = 'LiangXin API';

	icon = { light: 'file:../nodes/LiangXinNanoBananaPro/liangxin.svg', dark: 'file:../nodes/LiangXinNanoBananaPro/liangxin.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-liangxin/n8n-nodes-liangxin#credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Your API key, created in the LiangXin console; it is sent only to the Base URL',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://api.example.com',
			description:
				"The address of LiangXin's API for your LiangXin account, e.g. https://api.example.com. LiangXin gives it with your account (its documentation shows paths only): ask LiangXin support if you do not have it.",
			hint: 'The address alone; a trailing /api/v1 is fine too',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.apiKey}}' },
		},
	};

	/**
	 * LiangXin documents no "who am I" endpoint, so the test asks for a task that cannot exist: 401
	 * and 403 come from the platform's auth layer before the task layer, and any task-layer answer
	 * (whatever its HTTP status) means the key was accepted. n8n checks `responseCode` rules on the
	 * statuses that still fail and `responseSuccessBody` rules on the others, each by its type, so
	 * the two kinds share one list. An unreachable host fails with its network error (ECONNREFUSED...).
	 */
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			// The Base URL as the nodes read it: a trailing / or /api/v1 is fine.
			url: `={{ ${NORMALIZED_BASE_URL_EXPRESSION} }}${API_PATH}/jobs/recordInfo`,
			qs: { taskId: 'n8n-connection-test' },
			ignoreHttpStatusErrors: { ignore: true, except: [401, 403] },
			sendCredentialsOnCrossOriginRedirect: false,
		},
		rules: [refusedKey, accessDenied, refusedKeyBody, accessDeniedBody, notLiangXin] as ICredentialTestRequest['rules'],
	};
}

import type { IAuthenticateGeneric, ICredentialType, INodeProperties } from 'n8n-workflow';

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
			description: 'Your LiangXin API key, sent as a Bearer token',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://your-liangxin-host',
			description: 'The base URL of your LiangXin account, e.g. https://api.example.com (a trailing /api/v1 is fine too)',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.apiKey}}' },
		},
	};
}

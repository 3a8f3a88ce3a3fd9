// The n8n runtime tool and its types, in one import for the e2e files.
import * as runtime from '../../tools/n8n-runtime';

export { runtime };
export type { BinaryRef, CredentialInput, ExecutionResult, N8nInstance, OutputItem, ServerCommand } from '../../tools/n8n-runtime';

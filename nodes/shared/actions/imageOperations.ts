import { createAndWaitOperation } from './createAndWait.operation';
import { createTaskOperation } from './createTask.operation';
import { getTaskOperation } from './getTask.operation';
import type { Operation } from './operation';
import type { RequestParameters } from '../parameters/request';

/** The operations of an image node whose requests `parameters` describe; the first, Create & Wait, is the default. */
export const imageOperations = (parameters: RequestParameters): Operation[] => [
	createAndWaitOperation(parameters),
	createTaskOperation(parameters),
	getTaskOperation,
];

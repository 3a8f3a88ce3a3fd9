import { createAndWaitOperation } from './createAndWait.operation';
import { createTaskOperation } from './createTask.operation';
import { getTaskOperation } from './getTask.operation';
import type { Operation } from './operation';
import type { RequestParameters } from '../parameters/request';
import type { TaskMedia } from './taskMedia';

/** The operations of a node whose requests `parameters` describe and whose tasks make `media`; the first, Create & Wait, is the default. */
export const taskOperations = (parameters: RequestParameters, media: TaskMedia): Operation[] => [
	createAndWaitOperation(parameters, media),
	createTaskOperation(parameters, media),
	getTaskOperation(media),
];

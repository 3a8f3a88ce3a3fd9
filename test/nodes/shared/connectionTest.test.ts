import { connectionVerdict } from '../../../nodes/shared/connectionTest';

const base = 'https://liangxin.example';

describe('the credential test verdict', () => {
	it('says the key was refused on the platform 401', () => {
		const verdict = connectionVerdict(401, { error: { message: 'invalid token', type: 'new_api_error', code: '' } }, base);
		expect(verdict).toEqual({ status: 'Error', message: 'The API key was refused (HTTP 401: invalid token). Check the API key.' });
	});

	it('says access is denied or quota used up on 403', () => {
		const verdict = connectionVerdict(403, { code: 403, msg: 'insufficient quota', data: null }, base);
		expect(verdict.status).toBe('Error');
		expect(verdict.message).toContain('access is denied or the quota is used up (HTTP 403: insufficient quota)');
	});

	it.each([
		['an HTTP 200 task-layer answer', 200, { code: 422, msg: 'recordInfo is null', data: null }],
		['an HTTP 400 task-layer answer', 400, { code: 400, msg: 'task not found', data: null }],
		['an HTTP 404 task-layer answer', 404, { code: 404, message: 'task not found' }],
	])('accepts the key on %s', (_case, status, body) => {
		expect(connectionVerdict(status, body, base)).toEqual({
			status: 'OK',
			message: 'Connection successful: LiangXin accepted the API key.',
		});
	});

	it('says the host is not LiangXin when it answers something else', () => {
		const verdict = connectionVerdict(404, '<html>Not Found</html>', base);
		expect(verdict).toEqual({
			status: 'Error',
			message: 'https://liangxin.example answered, but not like LiangXin (HTTP 404: <html>Not Found</html>). Check the Base URL.',
		});
	});
});

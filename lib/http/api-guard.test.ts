import { describe, expect, it } from 'vitest';
import { refuseApiWrite } from './api-guard';

const h = (entries: Record<string, string>) => new Headers(entries);
const json = { 'content-type': 'application/json', 'content-length': '12', host: 'shop.test:3000' };

describe('the API write guard', () => {
  it('lets reads through whatever they carry', () => {
    expect(refuseApiWrite('GET', h({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), undefined)).toBeNull();
    expect(refuseApiWrite('HEAD', h({ 'content-type': 'text/plain' }), undefined)).toBeNull();
  });

  it('lets JSON writes from scripts (no Origin) and from our own pages through', () => {
    expect(refuseApiWrite('POST', h(json), undefined)).toBeNull();
    expect(refuseApiWrite('PUT', h({ ...json, 'content-type': 'application/json; charset=utf-8' }), undefined)).toBeNull();
    expect(refuseApiWrite('POST', h({ ...json, origin: 'http://shop.test:3000', 'sec-fetch-site': 'same-origin' }), undefined)).toBeNull();
  });

  it('refuses a body that is not JSON with 415, forms and text/plain included', () => {
    for (const type of [
      'application/x-www-form-urlencoded',
      'text/plain;charset=UTF-8',
      'multipart/form-data; boundary=x',
      'application/jsonp',
    ]) {
      expect(refuseApiWrite('POST', h({ ...json, 'content-type': type }), undefined)).toMatchObject({
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
    }
    expect(refuseApiWrite('POST', h({ 'content-length': '5', host: 'shop.test:3000' }), undefined)).toMatchObject({ status: 415 });
    expect(refuseApiWrite('PATCH', h({ 'transfer-encoding': 'chunked' }), undefined)).toMatchObject({ status: 415 });
  });

  it('lets a write without a body or Content-Type through (the path says it all)', () => {
    expect(refuseApiWrite('DELETE', h({ host: 'shop.test:3000' }), undefined)).toBeNull();
    expect(refuseApiWrite('POST', h({ 'content-length': '0' }), undefined)).toBeNull();
    expect(refuseApiWrite('POST', h({ 'content-length': '0', 'content-type': 'text/plain' }), undefined)).toMatchObject({ status: 415 });
  });

  it('refuses a foreign Origin, "null" included, with 403 FORBIDDEN_ORIGIN', () => {
    for (const origin of ['https://evil.example', 'http://shop.test:3001', 'http://shop.test.evil.example:3000', 'null']) {
      expect(refuseApiWrite('POST', h({ ...json, origin }), undefined)).toMatchObject({ status: 403, code: 'FORBIDDEN_ORIGIN' });
    }
  });

  it('refuses Sec-Fetch-Site: cross-site with 403 CROSS_SITE, even with a JSON body', () => {
    expect(refuseApiWrite('DELETE', h({ 'sec-fetch-site': 'cross-site' }), undefined)).toMatchObject({ status: 403, code: 'CROSS_SITE' });
    expect(refuseApiWrite('POST', h({ ...json, 'sec-fetch-site': 'same-site' }), undefined)).toBeNull();
  });

  it('with PUBLIC_ORIGIN set, only that origin is ours, whatever Host the proxy passed on', () => {
    const behindProxy = { ...json, host: '10.0.0.5:3000' };
    expect(refuseApiWrite('POST', h({ ...behindProxy, origin: 'https://shop.example' }), 'https://shop.example')).toBeNull();
    expect(refuseApiWrite('POST', h({ ...behindProxy, origin: 'http://10.0.0.5:3000' }), 'https://shop.example')).toMatchObject({
      code: 'FORBIDDEN_ORIGIN',
    });
    expect(refuseApiWrite('POST', h({ ...behindProxy, origin: 'http://shop.example' }), 'https://shop.example')).toMatchObject({
      code: 'FORBIDDEN_ORIGIN',
    });
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTemplate, templatePlaceholders, templateProblems, type TemplateContext } from './template';
import { parseJsonPath, valueAtPath } from './jsonPath';

const context: TemplateContext = {
  message: '{"user":{"name":"Ada"},"items":[{"id":7},{"id":8}],"n":3,"ok":true,"none":null}',
  json: { user: { name: 'Ada' }, items: [{ id: 7 }, { id: 8 }], n: 3, ok: true, none: null, 'a.b': 'dotted' },
  captures: ['ping 42', '42'],
  counter: 5,
  client: 'client-3',
  path: '/chat',
};

test('each placeholder is filled from the context', () => {
  assert.equal(renderTemplate('got {{message}}', { ...context, message: 'hi' }), 'got hi');
  assert.equal(renderTemplate('{{json.user.name}} has {{json.items[1].id}}', context), 'Ada has 8');
  assert.equal(renderTemplate("{{json['a.b']}}", context), 'dotted');
  assert.equal(renderTemplate('pong {{match.1}} of {{match.0}}', context), 'pong 42 of ping 42');
  assert.equal(renderTemplate('#{{counter}} {{client}} on {{path}}', context), '#5 client-3 on /chat');
  assert.equal(renderTemplate('{{ counter }}', context), '5');
});

test('objects, lists, numbers, booleans and null go in as JSON', () => {
  assert.equal(renderTemplate('{{json.user}}', context), '{"name":"Ada"}');
  assert.equal(renderTemplate('{{json.items}}', context), '[{"id":7},{"id":8}]');
  assert.equal(renderTemplate('{{json.n}} {{json.ok}} {{json.none}}', context), '3 true null');
  assert.equal(renderTemplate('{{json}}', { ...context, json: [1, 'a'] }), '[1,"a"]');
  assert.equal(renderTemplate('{{json}}', { ...context, json: 'plain' }), 'plain');
});

test('a missing field, index or capture renders as an empty string', () => {
  assert.equal(renderTemplate('[{{json.user.age}}]', context), '[]');
  assert.equal(renderTemplate('[{{json.items[5].id}}]', context), '[]');
  assert.equal(renderTemplate('[{{json.n.x}}]', context), '[]');
  assert.equal(renderTemplate('[{{match.7}}]', context), '[]');
  assert.equal(renderTemplate('[{{json.x}}]', { ...context, json: undefined }), '[]');
  assert.equal(renderTemplate('[{{json.constructor}}{{json.__proto__}}]', context), '[]', 'only own keys count');
});

test('uuid, now and nowMs are fresh values of the right form', () => {
  assert.match(renderTemplate('{{uuid}}', context), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(renderTemplate('{{uuid}}', context), renderTemplate('{{uuid}}', context));
  const now = renderTemplate('{{now}}', context);
  assert.equal(new Date(now).toISOString(), now);
  assert.match(renderTemplate('{{nowMs}}', context), /^\d{13}$/);
});

test('\\{{ is a literal "{{"; text without placeholders is unchanged', () => {
  assert.equal(renderTemplate('\\{{message}} is {{message}}', { ...context, message: 'x' }), '{{message}} is x');
  assert.equal(renderTemplate('a \\ b } {', context), 'a \\ b } {');
  assert.equal(renderTemplate('', context), '');
  assert.deepEqual(templateProblems('\\{{not a placeholder'), []);
});

test('unknown or broken placeholders stay as written and are reported', () => {
  assert.equal(renderTemplate('{{mesage}} {{json..a}} {{match}}', context), '{{mesage}} {{json..a}} {{match}}');
  assert.equal(renderTemplate('a {{message', context), 'a {{message');
  const problems = templateProblems('{{mesage}} {{json..a}} {{match}} {{message');
  assert.equal(problems.length, 4);
  assert.match(problems[0]!, /\{\{mesage\}\} is not a placeholder: did you mean \{\{message\}\}\?/);
  assert.match(problems[1]!, /\{\{json\.\.a\}\}: the field path cannot read the step at "\.\.a"/);
  assert.match(problems[2]!, /say which regex capture, e.g. \{\{match\.1\}\}/);
  assert.match(problems[3]!, /"\{\{" at character 34 is never closed/);
  assert.deepEqual(templateProblems('{{message}} {{json.items[0].id}} {{match.12}} {{nowMs}}'), []);
});

test('templatePlaceholders lists what a template uses', () => {
  assert.deepEqual(
    templatePlaceholders('{{message}} {{json.a[0]}} {{match.2}}').map((p) => p.field),
    ['message', 'json', 'match'],
  );
  assert.deepEqual(templatePlaceholders('no placeholders'), []);
});

test('JSON paths: $, .name, quoted names and indexes; anything else says what to write', () => {
  assert.deepEqual(parseJsonPath('$'), { segments: [] });
  assert.deepEqual(parseJsonPath(`$.a['b c']["d"][0].e-f`), { segments: ['a', 'b c', 'd', 0, 'e-f'] });
  assert.match((parseJsonPath('a.b') as { error: string }).error, /write "\$\.a\.b"/);
  assert.match((parseJsonPath('$.a[-1]') as { error: string }).error, /\[-1\]/);
  assert.match((parseJsonPath('$..a') as { error: string }).error, /\.name, \['name'\] or \[0\]/);
  assert.equal(valueAtPath({ a: [{ b: 2 }] }, ['a', 0, 'b']), 2);
  assert.equal(valueAtPath({ a: [1] }, ['a', 'length']), undefined);
  assert.equal(valueAtPath([1], [0, 0]), undefined);
});

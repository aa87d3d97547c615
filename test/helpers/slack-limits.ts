import { expect } from 'vitest';

/**
 * Slack's hard limits (https://docs.slack.dev/reference/block-kit): a message or view beyond any
 * of them is refused whole (invalid_blocks, msg_too_long, a view that does not open).
 */
export const slackLimits = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  textObject: 3000,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  id: 255,
  actionsElements: 25,
  contextElements: 10,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  overflowOptions: 5,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  initialValue: 3000,
  inputLabel: 2000,
  placeholder: 150,
  altText: 2000,
} as const;

type Node = Record<string, unknown>;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function asNodes(value: unknown): Node[] {
  return Array.isArray(value) ? (value as Node[]) : [];
}

function textOf(value: unknown): string | undefined {
  const text = (value as { text?: unknown } | undefined)?.text;
  return typeof text === 'string' ? text : undefined;
}

/** Every breach of Slack's limits in blocks, each as "where: what". */
function blockBreaches(blocks: Node[], where: string): string[] {
  const found: string[] = [];
  const breach = (path: string, what: string) => found.push(`${path}: ${what}`);
  const checkLength = (path: string, text: string | undefined, max: number, required = true) => {
    if (text === undefined) {
      if (required) breach(path, 'missing text');
      return;
    }
    if (loneSurrogate.test(text)) breach(path, 'half an emoji (a lone surrogate)');
    if (/<[^>]*$/.test(text)) breach(path, `a link or mention cut open: …${text.slice(-60)}`);
    if (required && text.trim().length === 0) breach(path, 'empty text');
    if (text.length > max) breach(path, `${text.length} chars > ${max}`);
  };
  const checkId = (path: string, id: unknown, seen?: Set<string>) => {
    if (id === undefined) return;
    if (typeof id !== 'string' || id.length === 0) return breach(path, 'empty id');
    if (id.length > slackLimits.id) breach(path, `id of ${id.length} chars > ${slackLimits.id}`);
    if (seen) {
      if (seen.has(id)) breach(path, `duplicate id ${id}`);
      seen.add(id);
    }
  };
  const checkOptions = (path: string, options: Node[], max: number) => {
    if (options.length > max) breach(path, `${options.length} options > ${max}`);
    options.forEach((option, index) => {
      checkLength(`${path}.options[${index}].text`, textOf(option.text), slackLimits.optionText);
      const value = option.value;
      if (typeof value === 'string' && value.length > slackLimits.optionValue)
        breach(`${path}.options[${index}].value`, `${value.length} chars > ${slackLimits.optionValue}`);
    });
  };
  const checkElement = (path: string, element: Node, actionIds: Set<string>) => {
    checkId(`${path}.action_id`, element.action_id, actionIds);
    switch (element.type) {
      case 'button': {
        const text = element.text as Node | undefined;
        if (text?.type !== 'plain_text') breach(`${path}.text`, 'a button text must be plain_text');
        checkLength(`${path}.text`, textOf(text), slackLimits.buttonText);
        if (typeof element.value === 'string' && element.value.length > slackLimits.buttonValue)
          breach(`${path}.value`, `${element.value.length} chars > ${slackLimits.buttonValue}`);
        if (typeof element.url === 'string' && element.url.length > slackLimits.buttonUrl)
          breach(`${path}.url`, `${element.url.length} chars > ${slackLimits.buttonUrl}`);
        break;
      }
      case 'static_select':
      case 'multi_static_select': {
        checkOptions(path, asNodes(element.options), slackLimits.selectOptions);
        const groups = asNodes(element.option_groups);
        if (groups.length > slackLimits.selectOptions) breach(path, `${groups.length} option groups > 100`);
        groups.forEach((group, index) => {
          checkOptions(`${path}.option_groups[${index}]`, asNodes(group.options), slackLimits.selectOptions);
        });
        break;
      }
      case 'overflow':
        checkOptions(path, asNodes(element.options), slackLimits.overflowOptions);
        break;
      case 'radio_buttons':
      case 'checkboxes':
        checkOptions(path, asNodes(element.options), 10);
        break;
      case 'plain_text_input':
        if (
          typeof element.initial_value === 'string' &&
          element.initial_value.length > slackLimits.initialValue
        )
          breach(
            `${path}.initial_value`,
            `${element.initial_value.length} chars > ${slackLimits.initialValue}`,
          );
        break;
      case 'image':
        checkLength(`${path}.alt_text`, element.alt_text as string | undefined, slackLimits.altText);
        break;
    }
    if (element.placeholder !== undefined)
      checkLength(`${path}.placeholder`, textOf(element.placeholder), slackLimits.placeholder);
  };
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    const path = `${where}[${index}] ${String(block.type)}`;
    checkId(`${path}.block_id`, block.block_id, blockIds);
    const actionIds = new Set<string>();
    switch (block.type) {
      case 'section': {
        const blockFields = asNodes(block.fields);
        if (block.text === undefined && blockFields.length === 0) breach(path, 'neither text nor fields');
        if (block.text !== undefined)
          checkLength(`${path}.text`, textOf(block.text), slackLimits.sectionText);
        if (blockFields.length > slackLimits.fields)
          breach(`${path}.fields`, `${blockFields.length} fields > ${slackLimits.fields}`);
        blockFields.forEach((field, at) => {
          checkLength(`${path}.fields[${at}]`, textOf(field), slackLimits.fieldText);
        });
        if (block.accessory) checkElement(`${path}.accessory`, block.accessory as Node, actionIds);
        break;
      }
      case 'header': {
        const text = block.text as Node | undefined;
        if (text?.type !== 'plain_text') breach(`${path}.text`, 'a header text must be plain_text');
        checkLength(`${path}.text`, textOf(text), slackLimits.headerText);
        break;
      }
      case 'context': {
        const elements = asNodes(block.elements);
        if (elements.length === 0) breach(path, 'no elements');
        if (elements.length > slackLimits.contextElements)
          breach(path, `${elements.length} elements > ${slackLimits.contextElements}`);
        elements.forEach((element, at) => {
          if (element.type === 'image') checkElement(`${path}.elements[${at}]`, element, actionIds);
          else checkLength(`${path}.elements[${at}]`, textOf(element), slackLimits.textObject);
        });
        break;
      }
      case 'actions': {
        const elements = asNodes(block.elements);
        if (elements.length === 0) breach(path, 'no elements');
        if (elements.length > slackLimits.actionsElements)
          breach(path, `${elements.length} elements > ${slackLimits.actionsElements}`);
        elements.forEach((element, at) => {
          checkElement(`${path}.elements[${at}]`, element, actionIds);
        });
        break;
      }
      case 'input': {
        checkLength(`${path}.label`, textOf(block.label), slackLimits.inputLabel);
        if (block.hint !== undefined) checkLength(`${path}.hint`, textOf(block.hint), slackLimits.inputLabel);
        if (block.element) checkElement(`${path}.element`, block.element as Node, actionIds);
        break;
      }
      case 'image':
        checkLength(`${path}.alt_text`, block.alt_text as string | undefined, slackLimits.altText);
        break;
    }
  });
  return found;
}

/** Every breach in a message as chat.postMessage / respond would send it. */
export function messageBreaches(message: { text?: string; blocks?: unknown[] }): string[] {
  const found = blockBreaches(asNodes(message.blocks), 'blocks');
  const blocks = asNodes(message.blocks).length;
  if (blocks > slackLimits.messageBlocks)
    found.push(`message: ${blocks} blocks > ${slackLimits.messageBlocks}`);
  const text = message.text ?? '';
  if (text.trim().length === 0) found.push('message: no fallback text');
  if (loneSurrogate.test(text)) found.push('message: half an emoji in the fallback text');
  if (text.length > slackLimits.messageText)
    found.push(`message: text of ${text.length} chars > ${slackLimits.messageText}`);
  return found;
}

/** Every breach in a modal or App Home view as views.open / views.publish would send it. */
export function viewBreaches(payload: object): string[] {
  const view = payload as Record<string, unknown>;
  const found = blockBreaches(asNodes(view.blocks), 'blocks');
  const blocks = asNodes(view.blocks).length;
  if (blocks > slackLimits.viewBlocks) found.push(`view: ${blocks} blocks > ${slackLimits.viewBlocks}`);
  if (view.type === 'modal') {
    const title = textOf(view.title);
    if (title === undefined || title.length === 0) found.push('view: a modal needs a title');
    else if (title.length > slackLimits.viewTitle)
      found.push(`view.title: ${title.length} chars > ${slackLimits.viewTitle}`);
    for (const key of ['submit', 'close'] as const) {
      const text = textOf(view[key]);
      if (text !== undefined && (text.length === 0 || text.length > slackLimits.viewButton))
        found.push(`view.${key}: ${text.length} chars (1-${slackLimits.viewButton})`);
    }
  }
  const metadata = view.private_metadata;
  if (typeof metadata === 'string' && metadata.length > slackLimits.privateMetadata)
    found.push(`view.private_metadata: ${metadata.length} chars > ${slackLimits.privateMetadata}`);
  const callbackId = view.callback_id;
  if (typeof callbackId === 'string' && callbackId.length > slackLimits.callbackId)
    found.push(`view.callback_id: ${callbackId.length} chars > ${slackLimits.callbackId}`);
  return found;
}

/** Fails, naming every breach, unless a message (`text` + `blocks`) or a view (`type` modal|home) is within Slack's limits. */
export function assertWithinSlackLimits(payload: object, label = 'payload'): void {
  const type = (payload as { type?: unknown }).type;
  const found =
    type === 'modal' || type === 'home'
      ? viewBreaches(payload)
      : messageBreaches(payload as { text?: string; blocks?: unknown[] });
  expect(found, `${label} breaks Slack's limits`).toEqual([]);
}

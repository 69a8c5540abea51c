import {
  authoredBlocks,
  renderAuthoredCell,
  renderAuthoredMarkdown,
  splitCodeSpans
} from '../src/report/authoredMarkdown.js'
import {
  escapeHtml,
  escapeTableCell,
  escapeText,
  inlineCode,
  tableCellCode
} from '../src/report/escapeMarkdown.js'
import { fencedBlock, foldedBlock, markdownTable } from '../src/report/markdownBlocks.js'
import { neutraliseWorkflowCommands } from '../src/report/workflowCommandText.js'

const ZWSP = '\u200b'

// A `|` that GFM would take as a cell delimiter: one not directly preceded by a backslash.
const BARE_PIPE = /(?<!\\)\|/

describe('escapeText', () => {
  const cases: [string, string, string][] = [
    [
      'closing HTML and a script',
      '</details><script>x</script>',
      '&lt;/details&gt;&lt;script&gt;x&lt;/script&gt;'
    ],
    ['an entity stays literal', 'a &amp; b', 'a &amp;amp; b'],
    ['table pipe', 'a | b', 'a \\| b'],
    ['backticks', 'run `rm -rf`', 'run \\`rm -rf\\`'],
    [
      'emphasis and links',
      '**b** _i_ [l](http://x) ~~s~~',
      '\\*\\*b\\*\\* \\_i\\_ \\[l\\](http://x) \\~\\~s\\~\\~'
    ],
    ['math', 'cost $5 or $6', 'cost \\$5 or \\$6'],
    ['a backslash', 'C:\\path', 'C:\\\\path'],
    ['a mention', 'ping @octocat', `ping @${ZWSP}octocat`],
    ['a team mention', '@org/team', `@${ZWSP}org/team`],
    ['an e-mail address stays intact', 'ops@example.com', 'ops@example.com'],
    ['newlines collapse', 'line one\n\nline two\r\nthree', 'line one line two three'],
    ['a heading marker at the start', '# big', '\\# big'],
    ['a list marker at the start', '- item', '\\- item'],
    ['an ordered list marker at the start', '1. item', '1\\. item'],
    ['a blockquote at the start', '> quote', '&gt; quote'],
    ['leading blanks (indented code)', '      code', 'code'],
    ['terminal escapes and bidi overrides', '\u001b[31mred\u202e!', '\\[31mred!'],
    ['plain text is untouched', 'us-east-1 is fine', 'us-east-1 is fine']
  ]
  test.each(cases)('%s', (_name, input, expected) => {
    expect(escapeText(input)).toBe(expected)
  })

  test('never leaves a raw <, a newline or a bare pipe', () => {
    const nasty = '</details>\n<script>alert(1)</script>|`x`|\n@admin'
    const escaped = escapeText(nasty)
    expect(escaped).not.toMatch(/[<\n]/)
    expect(escaped).not.toMatch(BARE_PIPE)
    expect(escaped).not.toContain('@admin')
  })
})

describe('escapeTableCell', () => {
  test('keeps line breaks as <br> and escapes pipes', () => {
    expect(escapeTableCell('first | one\r\nsecond\n\n  third  ')).toBe(
      'first \\| one<br>second<br>third'
    )
  })

  test('a row-breaking message stays in its cell', () => {
    const cell = escapeTableCell('a|b\n| --- |\n</td><script>')
    expect(cell).not.toContain('\n')
    expect(cell).not.toMatch(BARE_PIPE)
    expect(cell).not.toContain('<script>')
    expect(cell).toContain('&lt;/td&gt;&lt;script&gt;')
  })
})

describe('inlineCode', () => {
  const cases: [string, string, string][] = [
    ['plain', 'us.anthropic.claude', '`us.anthropic.claude`'],
    ['HTML is literal inside code', '</details><script>', '`</details><script>`'],
    ['a backtick inside', 'a`b', '``a`b``'],
    ['a double backtick inside', 'a``b`c', '```a``b`c```'],
    ['a backtick at the edge', '`x', '`` `x ``'],
    ['a space at both edges', ' x ', '`  x  `'],
    ['a newline', 'x\ny', '`x y`'],
    ['empty', '', '']
  ]
  test.each(cases)('%s', (_name, input, expected) => {
    expect(inlineCode(input)).toBe(expected)
  })

  test('tableCellCode escapes pipes, even after a backslash', () => {
    expect(tableCellCode('a|b')).toBe('`a\\|b`')
    expect(tableCellCode('a\\|b')).toBe('`a\\\\|b`')
    expect(tableCellCode('a|b')).not.toMatch(BARE_PIPE)
  })
})

describe('escapeHtml', () => {
  test('escapes markup, quotes and mentions, on one line', () => {
    expect(escapeHtml(`<b a="1">'x'</b> &\n@user`)).toBe(
      `&lt;b a=&quot;1&quot;&gt;&#39;x&#39;&lt;/b&gt; &amp; @${ZWSP}user`
    )
  })
})

describe('markdown blocks', () => {
  test('fencedBlock outgrows any backtick run inside', () => {
    expect(fencedBlock('a\n```\nb', 'json')).toBe('````json\na\n```\nb\n````')
    expect(fencedBlock('x ````` y')).toBe('``````\nx ````` y\n``````')
    expect(fencedBlock('{}', 'json" onload=x')).toBe('```jsononloadx\n{}\n```')
  })

  test('fencedBlock keeps HTML as code and strips surrounding blank lines', () => {
    expect(fencedBlock('\n\n</details><script>\n\n')).toBe('```\n</details><script>\n```')
  })

  test('markdownTable writes header, delimiter and rows', () => {
    expect(markdownTable(['A', 'B'], [['1', '2']])).toBe('| A | B |\n| --- | --- |\n| 1 | 2 |')
  })

  test('foldedBlock escapes its summary and leaves blank lines around the body', () => {
    expect(foldedBlock('<b>x</b>', 'body')).toBe(
      '<details><summary>&lt;b&gt;x&lt;/b&gt;</summary>\n\nbody\n\n</details>'
    )
  })
})

describe('splitCodeSpans', () => {
  const cases: [string, { code: boolean; text: string }[]][] = [
    ['no code', [{ code: false, text: 'no code' }]],
    [
      'add `bedrock:InvokeModel` now',
      [
        { code: false, text: 'add ' },
        { code: true, text: 'bedrock:InvokeModel' },
        { code: false, text: ' now' }
      ]
    ],
    ['``a`b``', [{ code: true, text: 'a`b' }]],
    ['`` `x` ``', [{ code: true, text: '`x`' }]],
    ['unclosed `tick', [{ code: false, text: 'unclosed `tick' }]],
    ['escaped \\`not code\\`', [{ code: false, text: 'escaped \\`not code\\`' }]],
    ['``mismatch`', [{ code: false, text: '``mismatch`' }]]
  ]
  test.each(cases)('%s', (input, expected) => {
    expect(splitCodeSpans(input)).toEqual(expected)
  })
})

describe('renderAuthoredMarkdown', () => {
  test('keeps code spans and escapes the text around them', () => {
    expect(renderAuthoredMarkdown('Allow `bedrock:InvokeModel` for <role> | now')).toBe(
      'Allow `bedrock:InvokeModel` for &lt;role&gt; \\| now'
    )
  })

  test('keeps a fenced IAM statement intact', () => {
    const fix =
      'Attach this statement:\n```json\n{\n  "Effect": "Allow",\n  "Action": ["bedrock:InvokeModel"]\n}\n```\nThen re-run.'
    const rendered = renderAuthoredMarkdown(fix)
    expect(rendered).toContain(
      '```json\n{\n  "Effect": "Allow",\n  "Action": ["bedrock:InvokeModel"]\n}\n```'
    )
    expect(rendered).toMatch(/^Attach this statement:\n\n```json/)
    expect(rendered).toMatch(/```\n\nThen re-run\.$/)
  })

  test('a message cannot break out of a fenced block', () => {
    const rendered = renderAuthoredMarkdown('```\nx\n````\n</details><script>\n```')
    // The inner four-backtick line closes the authored fence; what follows is escaped text.
    expect(rendered).toContain('&lt;/details&gt;&lt;script&gt;')
    expect(rendered).not.toContain('</details><script>')
  })

  test('HTML inside a fence is kept as code, re-fenced', () => {
    const rendered = renderAuthoredMarkdown('~~~\n</details><script>\n~~~')
    expect(rendered).toBe('```\n</details><script>\n```')
  })

  test('an unclosed fence runs to the end, as in CommonMark', () => {
    expect(renderAuthoredMarkdown('see:\n```\n</details>')).toBe('see:\n\n```\n</details>\n```')
  })

  test('keeps list items, guards other line starts and joins lines with hard breaks', () => {
    const rendered = renderAuthoredMarkdown(
      'Do this:\n- open **IAM**\n2. attach\n# not a heading\n---'
    )
    expect(rendered).toBe(
      'Do this:\n\n- open \\*\\*IAM\\*\\*\n2. attach\n\n\\# not a heading<br>\n\\---'
    )
  })

  test('authoredBlocks labels each block', () => {
    expect(authoredBlocks('a\n\n- b\n```\nc\n```').map((block) => block.kind)).toEqual([
      'paragraph',
      'list',
      'code'
    ])
  })
})

describe('renderAuthoredCell', () => {
  test('one line: code spans kept with table pipes, fence markers dropped', () => {
    expect(renderAuthoredCell('Profile `a|b` failed\n```json\n{"x": 1}\n```\n<b>|')).toBe(
      'Profile `a\\|b` failed<br>{"x": 1}<br>&lt;b&gt;\\|'
    )
  })
})

describe('neutraliseWorkflowCommands', () => {
  const cases: [string, string][] = [
    ['::add-mask::value', `:${ZWSP}:add-mask::value`],
    ['  ::error file=x::forged', `  :${ZWSP}:error file=x::forged`],
    ['ok\n::stop-commands::token', `ok\n:${ZWSP}:stop-commands::token`],
    ['text ##[group]x', `text #${ZWSP}#[group]x`],
    ['a: b :: c', 'a: b :: c'],
    ['\u001b[2Jcleared', '[2Jcleared']
  ]
  test.each(cases)('%j', (input, expected) => {
    expect(neutraliseWorkflowCommands(input)).toBe(expected)
  })
})

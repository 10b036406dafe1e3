/**
 * The canvas part for fields that live in conditional branches (`if`/`then`/`else`, `dependencies`,
 * `oneOf`, `anyOf`, `allOf`) and shared `definitions`: each top-level keyword is listed with the
 * fields it declares and where they come from, and edited as JSON (no visual editor fits them all).
 */
import { Alert, Button, Card, Flex, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { type BranchGroup, branchGroups, type FormDoc, setBranch } from './form-model.ts';
import { tf } from './strings.ts';

function BranchCard({
  group,
  doc,
  onChange,
}: {
  group: BranchGroup;
  doc: FormDoc;
  onChange: (doc: FormDoc) => void;
}) {
  const shown = JSON.stringify(group.value, null, 2);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string>();
  useEffect(() => {
    setText(shown);
    setError(undefined);
  }, [shown]);
  const apply = () => {
    try {
      onChange(setBranch(doc, group.keyword, JSON.parse(text)));
      setError(undefined);
    } catch (e) {
      setError(tf('branch.invalid', { reason: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <Card
      size="small"
      title={tf('branch.title', { keyword: group.keyword })}
      data-testid={`branch-${group.keyword}`}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {group.fields.length > 0 && (
          <Flex wrap gap={4}>
            {group.fields.map((f) => (
              <Tag key={`${f.via}/${f.name}`}>
                <Typography.Text strong>{f.title}</Typography.Text>{' '}
                <Typography.Text code>{f.name}</Typography.Text>{' '}
                <Typography.Text type="secondary">{tf('branch.from', { via: f.via })}</Typography.Text>
              </Tag>
            ))}
          </Flex>
        )}
        <Input.TextArea
          aria-label={tf('branch.editor', { keyword: group.keyword })}
          value={text}
          autoSize={{ minRows: 3, maxRows: 16 }}
          style={{ fontFamily: 'monospace' }}
          onChange={(e) => setText(e.target.value)}
        />
        {error && <Alert type="error" title={error} />}
        <Flex gap={8}>
          <Button size="small" type="primary" disabled={text === shown} onClick={apply}>
            {tf('branch.apply')}
          </Button>
          <Popconfirm
            title={tf('branch.confirmRemove', { keyword: group.keyword })}
            onConfirm={() => onChange(setBranch(doc, group.keyword, undefined))}
          >
            <Button size="small" danger>
              {tf('branch.remove', { keyword: group.keyword })}
            </Button>
          </Popconfirm>
        </Flex>
      </Space>
    </Card>
  );
}

/** Every conditional branch of the form; nothing when the form has none. */
export function BranchFields({ doc, onChange }: { doc: FormDoc; onChange: (doc: FormDoc) => void }) {
  const groups = branchGroups(doc);
  if (groups.length === 0) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 12 }} data-testid="branch-fields">
      <Typography.Text type="secondary">{tf('branch.hint')}</Typography.Text>
      {groups.map((group) => (
        <BranchCard key={group.keyword} group={group} doc={doc} onChange={onChange} />
      ))}
    </Space>
  );
}

import type { ErrorSchema } from '@rjsf/utils';
import { Alert, App, Button, Card, Col, Descriptions, Result, Row, Spin, Tag } from 'antd';
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { JsonObject } from '../../engine/types.ts';
import { applyComputed, computedFields } from '../../forms/computed.ts';
import { api } from '../api/client.ts';
import type { ProjectedForm, TaskDetail } from '../api/types.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { ApiError } from '../api-client.ts';
import { formatDateTime } from '../components/format.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { currentLocale } from '../i18n/i18n.ts';
import { OrderEditForm, type OrderEditHandle } from '../orders/OrderEditForm.tsx';
import { useUser } from '../session/session.tsx';
import { CcAction, canCc } from './CcAction.tsx';
import { DueCell } from './DueCell.tsx';
import { ActionDialog, type DialogKind, type DialogResult } from './decision/ActionDialogs.tsx';
import { commentFieldOf, commentFieldRequired, withComment } from './decision/comment-field.ts';
import { OrderDecisionSummary } from './decision/OrderDecisionSummary.tsx';
import { ReadonlyFields, readonlyFieldsOf } from './decision/ReadonlyFields.tsx';
import { type BarAction, TaskActionBar } from './decision/TaskActionBar.tsx';
import { mentionedIds, optionalComment, postTaskAction, withdrawInstance } from './decision/task-actions.ts';
import { canAct, isStarter, stepRules } from './decision/task-people.ts';
import { detailsToErrorSchema } from './error-schema.ts';
import { useDetailLink } from './InstanceLists.tsx';
import { InstanceTimeline } from './InstanceTimeline.tsx';
import { TaskForm } from './TaskForm.tsx';
import { validatorFor } from './task-validators.ts';

// React Flow and elkjs stay out of the inbox bundle until a task page shows the diagram.
const InstanceFlow = lazy(async () => ({ default: (await import('./InstanceFlow.tsx')).InstanceFlow }));

/** Outcomes that send work back or stop it; the form need not be complete for them. */
const SKIP_VALIDATION = new Set(['reject', 'return']);

function hasErrors(schema: ErrorSchema): boolean {
  return Object.keys(schema).length > 0;
}

/** `/tasks/:id`: loads the task, then shows its decision page. */
export function TaskPage() {
  const { id = '' } = useParams();
  const task = useApiQuery('/api/tasks/{id}', { params: { path: { id } } });
  if (task.error) {
    const status = task.error instanceof ApiError ? task.error.status : 500;
    return (
      <Result status={status === 404 ? '404' : status === 403 ? '403' : 'error'} title={task.error.message} />
    );
  }
  if (!task.data) return <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;
  return <TaskWorkspace key={task.data.id} detail={task.data} onChanged={task.reload} />;
}

/** The part of the form people fill in: the step's editable fields without the comment field. */
function editablePart(form: ProjectedForm, hidden: readonly string[]): ProjectedForm | null {
  const properties = Object.fromEntries(
    Object.entries(form.schema.properties ?? {}).filter(([name]) => !hidden.includes(name)),
  );
  if (Object.keys(properties).length === 0) return null;
  const required = (form.schema.required ?? []).filter((name: string) => name in properties);
  return { ...form, schema: { ...form.schema, properties, required } };
}

/**
 * The decision page: what is decided (an order's summary and why this step is needed, or the
 * form's read-only data as a list), what the step asks for, who said what before, and the sticky
 * decision bar with the one comment box and every action the user may take.
 */
function TaskWorkspace({ detail, onChanged }: { detail: TaskDetail; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useUser();
  const instance = useApiQuery('/api/instances/{id}', { params: { path: { id: detail.instanceId } } });
  const linkOf = useDetailLink();
  const orderId = instance.data?.context?.orderId;
  const order = useApiQuery(typeof orderId === 'string' ? '/api/orders/{id}' : null, {
    params: { path: { id: String(orderId) } },
  });
  // The people this task may go to (转交 / 委托 / 加签): its store's staff and group users.
  const people = useApiQuery('/api/users', { params: { query: { limit: 500, taskId: detail.id } } });
  const serviceOrderId = instance.data?.context?.serviceOrderId;
  // The business key links to its record: the order, or the work order of an after-sales flow.
  const orderLink =
    typeof orderId === 'string'
      ? linkOf({ record: { type: 'order', id: orderId }, linkTaskId: null })
      : typeof serviceOrderId === 'string'
        ? linkOf({ record: { type: 'serviceOrder', id: serviceOrderId }, linkTaskId: null })
        : null;
  const form = detail.form;
  const commentField = commentFieldOf(form, detail.fields);
  const readonlyNames = useMemo(
    () => (form ? readonlyFieldsOf(form, detail.fields).filter((n) => n !== commentField) : []),
    [form, detail.fields, commentField],
  );
  const editable = useMemo(
    () => (form ? editablePart(form, [...readonlyNames, ...(commentField ? [commentField] : [])]) : null),
    [form, readonlyNames, commentField],
  );
  const [data, setData] = useState<JsonObject>(() => form?.data ?? {});
  const [comment, setComment] = useState('');
  const [signature, setSignature] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<ErrorSchema>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const editor = useRef<OrderEditHandle>(null);
  const open = detail.status === 'open';
  const acting = canAct(detail, user);
  const starter = open && instance.data?.status === 'active' && isStarter(instance.data, user) && !acting;
  const rules = stepRules(detail);
  const { delegation, proposal } = detail.actions;
  const nameOf = (id: string) => people.data?.items.find((u) => u.id === id)?.displayName ?? id;
  const actionLabel = (action: string) =>
    i18n.exists(`outcome.${action}`)
      ? t(`outcome.${action}`)
      : t(`decision.${action === 'add-approver' ? 'addApprover' : action}`, action);
  const flowReturn = detail.outcomes.includes('return');
  const returnTargets = [
    ...(flowReturn ? [{ value: 'flow', label: t('decision.returnToFlow') }] : []),
    ...(rules.returnTo ?? (flowReturn ? [] : ['previous', 'submitter'])).map((to) => ({
      value: to,
      label:
        to === 'previous'
          ? t('decision.returnToPrevious')
          : to === 'submitter'
            ? t('decision.returnToSubmitter')
            : t('decision.returnToState', { name: to }),
    })),
  ];
  // A step that names where 退回 may go offers it even when the flow has no return of its own.
  const barOutcomes =
    flowReturn || rules.returnTo === null ? detail.outcomes : [...detail.outcomes, 'return'];
  const correcting = acting && order.data?.status === 'returned' && detail.outcomes.includes('resubmit');
  const commentLabel =
    commentField && typeof form?.schema.properties?.[commentField]?.title === 'string'
      ? (form.schema.properties[commentField].title as string)
      : t('decision.comment');
  const fieldRequired = commentFieldRequired(form, detail.fields, commentField);
  const hasFormulas = editable !== null && form !== null && Object.keys(computedFields(form)).length > 0;
  const change = (next: JsonObject) => {
    const merged = { ...data, ...next };
    setData(hasFormulas && form ? (applyComputed(form, merged) as JsonObject) : merged);
  };

  function needsComment(action: string): boolean {
    return rules.commentRequired.includes(action) || (fieldRequired && action !== 'reject');
  }
  const commentHint =
    rules.commentRequired.length > 0
      ? t('stepRules.commentFor', {
          actions: rules.commentRequired.map(actionLabel).join(t('common.listSeparator')),
        })
      : undefined;

  function explain(e: unknown) {
    if (e instanceof ApiError && e.status === 422 && e.details.length > 0) {
      setFieldErrors(detailsToErrorSchema(e.details));
      setFailure(`${t('task.fixErrors')}: ${e.message}`);
    } else if (e instanceof ApiError && e.status === 409) setFailure(`${t('task.conflict')}（${e.message}）`);
    else setFailure((e as Error).message);
  }

  async function run(key: string, work: () => Promise<unknown>, done: () => void) {
    setFailure(null);
    setBusy(key);
    try {
      await work();
      done();
    } catch (e) {
      explain(e); // Keep what was typed: only the error state changes on failure.
    } finally {
      setBusy(null);
    }
  }

  async function complete(outcome: string, text = comment) {
    setFailure(null);
    if (outcome === 'return' && (returnTargets.length > 1 || returnTargets[0]?.value !== 'flow')) {
      setDialog('return');
      return;
    }
    if (needsComment(outcome) && !text.trim()) {
      setFailure(t('decision.commentRequiredFor', { action: t(`outcome.${outcome}`, outcome) }));
      document.getElementById('task-comment')?.focus();
      return;
    }
    if (rules.signature === 'required' && !signature && !SKIP_VALIDATION.has(outcome)) {
      setFailure(t('stepRules.signatureRequired'));
      return;
    }
    const body = withComment(data, commentField, text.trim());
    if (form && !SKIP_VALIDATION.has(outcome)) {
      const { errorSchema } = validatorFor(currentLocale()).validateFormData(body, form.schema);
      if (hasErrors(errorSchema)) {
        setFieldErrors(errorSchema as ErrorSchema);
        setFailure(
          commentField && commentField in errorSchema ? t('decision.commentRequired') : t('task.fixErrors'),
        );
        return;
      }
    }
    if (correcting && outcome === 'resubmit' && editor.current?.dirty()) {
      if (!(await editor.current.save())) {
        setFailure(t('decision.orderUnsaved'));
        return;
      }
    }
    await run(
      outcome,
      () =>
        api.post('/api/tasks/{id}/complete', {
          params: { path: { id: detail.id } },
          body: {
            outcome,
            data: body,
            comment: text.trim(),
            ...(signature ? { signature } : {}),
          },
        }),
      () => {
        void message.success(t('task.done'));
        navigate('/inbox');
      },
    );
  }

  function afterAction(label: string, leave: boolean) {
    void message.success(t('decision.done', { action: label }));
    if (leave) navigate('/inbox');
    else {
      setComment('');
      instance.reload();
      onChanged();
    }
  }

  function act(action: BarAction) {
    setFailure(null);
    if (action === 'transfer' || action === 'delegate' || action === 'add-approver') {
      setDialog(action);
      return;
    }
    if (action === 'comment') {
      if (!comment.trim()) {
        setFailure(t('decision.commentRequired'));
        document.getElementById('task-comment')?.focus();
        return;
      }
      const mentions = mentionedIds(comment, people.data?.items ?? []);
      void run(
        'comment',
        () =>
          postTaskAction(detail.id, 'comment', {
            comment: comment.trim(),
            ...(mentions.length ? { mentions } : {}),
          }),
        () => afterAction(t('decision.commentOnly'), false),
      );
    } else if (action === 'remind') {
      void run(
        'remind',
        () => postTaskAction(detail.id, 'remind', optionalComment(comment)),
        () => afterAction(t('decision.remind'), false),
      );
    } else if (action === 'withdraw') {
      void run(
        'withdraw',
        () => withdrawInstance(detail.instanceId, comment.trim() || undefined),
        () => afterAction(t('decision.withdraw'), true),
      );
    }
  }

  function confirmDialog(result: DialogResult) {
    const label =
      result.action === 'return'
        ? t('outcome.return')
        : t(`decision.${result.action === 'add-approver' ? 'addApprover' : result.action}`);
    const commentMissing =
      result.action === 'return' ? needsComment('return') : rules.commentRequired.includes(result.action);
    if (commentMissing && !comment.trim()) {
      setDialog(null);
      setFailure(t('decision.commentRequiredFor', { action: label }));
      return;
    }
    const work = () => {
      switch (result.action) {
        case 'return':
          return result.to === 'flow'
            ? api.post('/api/tasks/{id}/complete', {
                params: { path: { id: detail.id } },
                body: {
                  outcome: 'return',
                  data: withComment(data, commentField, comment.trim()),
                  comment: comment.trim(),
                },
              })
            : postTaskAction(detail.id, 'return', { to: result.to, comment: comment.trim() });
        case 'add-approver':
          return postTaskAction(detail.id, 'add-approver', {
            users: result.users,
            position: result.position,
            ...optionalComment(comment),
          });
        default:
          return postTaskAction(detail.id, result.action, { to: result.to, ...optionalComment(comment) });
      }
    };
    // 加签 before / alongside keeps the task here; the others hand it on.
    const leave = result.action !== 'add-approver';
    void run(result.action, work, () => {
      setDialog(null);
      afterAction(label, leave);
    });
  }

  const heldByOther = open && detail.assignee !== null && detail.assignee !== user.id;
  return (
    <div className="df-task-page">
      <div className="df-print-only">
        <h2>
          {t('decision.printTitle')} · {detail.businessKey ?? ''}
        </h2>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card
            title={<PageTitle>{detail.name}</PageTitle>}
            extra={
              <Tag>{t(`workflowName.${detail.workflowKey}`, detail.workflowName ?? detail.workflowKey)}</Tag>
            }
          >
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('inbox.businessKey')}>
                {orderLink && detail.businessKey ? (
                  <Link to={orderLink}>{detail.businessKey}</Link>
                ) : (
                  (detail.businessKey ?? '—')
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('inbox.created')}>
                {formatDateTime(detail.createdAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('inbox.due')}>
                <DueCell dueAt={detail.dueAt} now={new Date()} />
              </Descriptions.Item>
              <Descriptions.Item label={t('inbox.workflow')}>
                {t(`workflowName.${detail.workflowKey}`, detail.workflowName ?? detail.workflowKey)} v
                {detail.instance.workflowVersion}
              </Descriptions.Item>
            </Descriptions>
            {!open && (
              <Alert type="info" role="note" showIcon title={t('task.closed')} style={{ marginBottom: 16 }} />
            )}
            {delegation === 'resolved' && proposal && open && (
              <Alert
                type="warning"
                role="note"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('stepRules.delegatedBack', {
                  name: nameOf(proposal.by),
                  outcome: actionLabel(proposal.outcome),
                })}
                description={
                  <>
                    {proposal.comment && (
                      <div>{t('stepRules.proposalComment', { comment: proposal.comment })}</div>
                    )}
                    <div>{formatDateTime(proposal.at)}</div>
                  </>
                }
                action={
                  acting && detail.outcomes.includes(proposal.outcome) ? (
                    <Button
                      type="primary"
                      loading={busy === proposal.outcome}
                      onClick={() =>
                        void complete(proposal.outcome, comment.trim() ? comment : (proposal.comment ?? ''))
                      }
                    >
                      {t('stepRules.adopt', { outcome: actionLabel(proposal.outcome) })}
                    </Button>
                  ) : undefined
                }
              />
            )}
            {delegation === 'pending' && open && detail.owner === user.id && detail.assignee !== user.id && (
              <Alert
                type="info"
                role="note"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('stepRules.delegatedTo', { name: nameOf(detail.assignee ?? '') })}
              />
            )}
            {heldByOther && !(delegation === 'pending' && detail.owner === user.id) && (
              <Alert
                type="info"
                role="note"
                showIcon
                title={t('decision.notYours')}
                style={{ marginBottom: 16 }}
              />
            )}
            {order.data && (
              <div style={{ marginBottom: 16 }}>
                <OrderDecisionSummary order={order.data} showChanges />
              </div>
            )}
            {form && (
              <ReadonlyFields
                form={form}
                names={readonlyNames}
                data={data}
                title={order.data ? t('decision.formData') : undefined}
              />
            )}
            {correcting && order.data && (
              <div style={{ marginTop: 16 }}>
                <OrderEditForm ref={editor} order={order.data} onSaved={() => order.reload()} />
              </div>
            )}
            {editable && (
              <div style={{ marginTop: 16 }}>
                <TaskForm
                  className="df-task-form"
                  form={editable}
                  fields={detail.fields}
                  data={data}
                  errors={fieldErrors}
                  disabled={!open || !acting}
                  storeId={detail.storeId}
                  onChange={change}
                />
              </div>
            )}
            {!form && <Alert type="info" role="note" title={t('task.noForm')} />}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('task.history')} loading={instance.loading && !instance.data}>
            {instance.data && <InstanceTimeline instance={instance.data} />}
          </Card>
        </Col>
        <Col span={24} className="df-no-print">
          <Card title={t('task.flow')} size="small">
            <Suspense fallback={<Spin />}>
              <InstanceFlow
                workflowKey={detail.instance.workflowKey}
                version={detail.instance.workflowVersion}
                state={detail.instance.state}
                taskState={detail.state}
              />
            </Suspense>
          </Card>
        </Col>
      </Row>
      <TaskActionBar
        outcomes={barOutcomes}
        canAct={acting}
        starter={starter}
        comment={comment}
        commentLabel={commentLabel}
        commentRequired={fieldRequired}
        commentHint={commentHint}
        onComment={setComment}
        people={(people.data?.items ?? []).filter((u) => u.id !== user.id)}
        signature={signature}
        signatureMode={rules.signature}
        onSignature={setSignature}
        busy={busy}
        failure={failure}
        extra={
          canCc(detail, user) ? (
            <CcAction task={detail} userId={user.id} onDone={instance.reload} />
          ) : undefined
        }
        onOutcome={(o) => void complete(o)}
        onAction={act}
      />
      {dialog && (
        <ActionDialog
          kind={dialog}
          people={(people.data?.items ?? []).filter((u) => u.id !== user.id)}
          peopleLoading={people.loading}
          returnTargets={returnTargets}
          busy={busy !== null}
          onCancel={() => setDialog(null)}
          onOk={confirmDialog}
        />
      )}
    </div>
  );
}

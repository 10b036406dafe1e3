/**
 * `/designer/workflows/:key`: the flow designer. Simple (approval tree) and graph modes over the same
 * machine, live server validation, undo / redo, copy / paste, autosave, publish with a change summary,
 * version history, JSON import / export and a step-by-step simulation with the pure engine.
 */
import { Alert, App as AntApp, Layout, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { MachineConfig } from '../../engine/types.ts';
import { currentLocale } from '../i18n/i18n.ts';
import { flowApi, problemState } from './api.ts';
import { DesignerOptionsProvider, useLoadedOptions } from './designer-options.tsx';
import { FlowToolbar, type Mode } from './FlowToolbar.tsx';
import { GraphModeCanvas, type GraphSelection } from './GraphModeCanvas.tsx';
import { GraphPropertyPanel } from './GraphPropertyPanel.tsx';
import { machineToGraph } from './graph-model.ts';
import { type GraphPositions, storedPositions, withoutPositions, withPositions } from './graph-positions.ts';
import { parseDefinitionJson } from './json-file.ts';
import { PlainList } from './PlainList.tsx';
import { PropertyPanel } from './PropertyPanel.tsx';
import { PublishModal } from './PublishModal.tsx';
import { importNoteText, problemText } from './problem-text.ts';
import { SimpleModeCanvas } from './SimpleModeCanvas.tsx';
import { SimulateDrawer } from './SimulateDrawer.tsx';
import { fmt } from './strings.ts';
import { taskSteps } from './task-steps.ts';
import {
  type ApprovalTree,
  copyNode,
  findNode,
  insertNode,
  machineToTree,
  removeNode,
  type TreeResult,
  treeToMachine,
} from './tree-model.ts';
import { useDesignerKeys } from './use-designer-keys.ts';
import { type FlowDocumentOptions, useFlowDocument } from './use-flow-document.ts';
import { useFlowFields } from './use-flow-fields.ts';
import { VersionsDrawer } from './VersionsDrawer.tsx';
import type { ImportNote } from './xstate-import.ts';

/** Remembers the tree an edit produced so node ids (and the selection) survive the round trip. */
function useTree(machine: MachineConfig | undefined) {
  const last = useRef<{ machine: MachineConfig; tree: ApprovalTree } | undefined>(undefined);
  const result = useMemo<TreeResult | undefined>(() => {
    if (!machine) return undefined;
    if (last.current?.machine === machine) return { ok: true, tree: last.current.tree };
    return machineToTree(machine);
  }, [machine]);
  const remember = (m: MachineConfig, tree: ApprovalTree) => {
    last.current = { machine: m, tree };
  };
  return { result, remember };
}

/** The page; `options` shortens the validation / autosave debounce in tests. */
export function FlowDesignerPage({ options }: { options?: FlowDocumentOptions } = {}) {
  const { key = '' } = useParams();
  // fmt() reads the app language: subscribing re-renders the designer when it changes.
  useTranslation();
  const doc = useFlowDocument(key, options);
  const loaded = useLoadedOptions();
  const { message } = AntApp.useApp();
  const def = doc.definition;
  const { result, remember } = useTree(def?.machine);
  const [preferred, setPreferred] = useState<Mode>('simple');
  const [selected, setSelected] = useState<string>();
  const [graphSel, setGraphSel] = useState<GraphSelection>();
  const [open, setOpen] = useState<'publish' | 'versions' | 'simulate' | null>(null);
  const [publishing, setPublishing] = useState(false);
  const clipboard = useRef<ReturnType<typeof findNode>>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const fits = result?.ok === true;
  const mode: Mode = fits ? preferred : 'graph';
  const fields = useFlowFields(def);
  const contextNames = useMemo(
    () => [
      ...new Set([
        ...Object.keys(def?.machine.context ?? {}),
        ...fields.map((f) => f.path.split('.')[0] ?? ''),
      ]),
    ],
    [def?.machine.context, fields],
  );
  const steps = useMemo(() => taskSteps(def?.machine), [def?.machine]);
  const positions = useMemo(() => def && storedPositions(def), [def]);
  const [importNotes, setImportNotes] = useState<ImportNote[]>([]);

  const changeMachine = (machine: MachineConfig) => def && doc.change({ ...def, machine });
  const changePositions = (moved: GraphPositions | undefined) => {
    if (!def) return;
    const ids = machineToGraph(def.machine).nodes.map((n) => n.id);
    doc.change(moved ? withPositions(def, moved, ids) : withoutPositions(def));
  };
  const changeTree = (tree: ApprovalTree) => {
    if (!def) return;
    const machine = treeToMachine(tree, def.machine);
    remember(machine, tree);
    changeMachine(machine);
  };
  const paste = () => {
    const node = clipboard.current;
    if (!result?.ok || !node || node.kind === 'start' || !selected) return;
    const edit = insertNode(result.tree, selected, copyNode(result.tree, node));
    edit.ok ? changeTree(edit.tree) : message.warning(edit.reason);
  };
  useDesignerKeys({
    undo: doc.undo,
    redo: doc.redo,
    copy: () => {
      if (result?.ok && selected) clipboard.current = findNode(result.tree, selected);
    },
    paste,
    remove: () => {
      if (mode !== 'simple' || !result?.ok || !selected) return;
      const edit = removeNode(result.tree, selected);
      if (edit.ok) {
        changeTree(edit.tree);
        setSelected(undefined);
      } else message.warning(edit.reason);
    },
  });

  const publish = async () => {
    if (!def) return;
    setPublishing(true);
    try {
      await doc.flush();
      const { version } = await flowApi.publish(def.key);
      doc.setPublished(def);
      message.success(fmt('ui.published', { version }));
      setOpen(null);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setPublishing(false);
    }
  };

  const importFile = async (file: File) => {
    if (!def) return;
    const parsed = parseDefinitionJson(await file.text(), def);
    if (typeof parsed === 'string') {
      message.error(fmt('ui.importError', { reason: parsed }));
      return;
    }
    // Whatever the file holds becomes the draft; what is wrong with it is listed, not refused.
    doc.change(parsed.definition);
    setImportNotes(parsed.notes);
    setGraphSel(undefined);
    setSelected(undefined);
    message.info(fmt(parsed.notes.length ? 'ui.importedWithNotes' : 'ui.importedClean'));
  };

  if (doc.loadError)
    return <Alert type="error" showIcon title={fmt('ui.loadError', { reason: doc.loadError })} />;
  if (!def || !result) return <Typography.Text>…</Typography.Text>;

  return (
    <DesignerOptionsProvider value={{ ...loaded, contextNames, fields, steps }}>
      <Layout style={{ height: '100%', minHeight: 600 }}>
        <FlowToolbar
          doc={doc}
          def={def}
          mode={mode}
          fits={fits}
          onMode={setPreferred}
          onOpen={setOpen}
          onImport={() => fileInput.current?.click()}
        />
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label={fmt('ui.import')}
          onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])}
        />
        {!result.ok && <Alert type="info" showIcon title={fmt('ui.noFit', { reason: result.reason })} />}
        <Layout hasSider>
          <Layout.Content style={{ minHeight: 480, height: 'calc(100vh - 120px)', overflow: 'auto' }}>
            {mode === 'simple' && result.ok ? (
              <SimpleModeCanvas
                tree={result.tree}
                selectedId={selected}
                problemStates={doc.problemStates}
                onChange={changeTree}
                onSelect={setSelected}
                onError={(r) => message.warning(r)}
              />
            ) : (
              <GraphModeCanvas
                // Edge label sizes depend on the language: a switch lays the graph out again.
                key={currentLocale()}
                machine={def.machine}
                selected={graphSel}
                problemStates={doc.problemStates}
                onChange={changeMachine}
                onSelect={setGraphSel}
                positions={positions}
                onPositions={changePositions}
              />
            )}
          </Layout.Content>
          <Layout.Sider
            width={380}
            theme="light"
            style={{ padding: 12, overflow: 'auto', borderLeft: '1px solid #f0f0f0' }}
          >
            <section aria-label={fmt('ui.properties')}>
              {mode === 'simple' && result.ok ? (
                <PropertyPanel
                  tree={result.tree}
                  selectedId={selected}
                  onChange={changeTree}
                  onError={(r) => message.warning(r)}
                />
              ) : (
                <GraphPropertyPanel
                  machine={def.machine}
                  selected={graphSel}
                  onChange={changeMachine}
                  onSelect={setGraphSel}
                />
              )}
            </section>
            <PlainList
              header={fmt('ui.problems', { n: doc.problems.length })}
              items={doc.problems}
              itemKey={(p, i) => `${i}:${p.path}`}
              empty={fmt('ui.noProblems')}
              renderItem={(p) => (
                <>
                  <Typography.Text type="danger">{problemText(p)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {problemState(p) ?? p.path}
                  </Typography.Text>
                </>
              )}
            />
            {importNotes.length > 0 && (
              <PlainList
                label={fmt('ui.importNotes', { n: importNotes.length })}
                header={fmt('ui.importNotes', { n: importNotes.length })}
                items={importNotes}
                itemKey={(n, i) => `${i}:${n.path}:${n.key}`}
                renderItem={(n) => (
                  <>
                    <Typography.Text type="warning">{importNoteText(n)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {n.path}
                    </Typography.Text>
                  </>
                )}
              />
            )}
          </Layout.Sider>
        </Layout>
      </Layout>
      <PublishModal
        open={open === 'publish'}
        published={doc.view?.published ?? null}
        draft={def}
        problems={doc.problems}
        busy={publishing}
        onConfirm={() => void publish()}
        onCancel={() => setOpen(null)}
      />
      <VersionsDrawer
        workflowKey={key}
        open={open === 'versions'}
        onClose={() => setOpen(null)}
        onLoad={(d) => {
          doc.change({ ...d, key: def.key });
          setImportNotes([]);
          setOpen(null);
        }}
      />
      {open === 'simulate' && <SimulateDrawer open definition={def} onClose={() => setOpen(null)} />}
    </DesignerOptionsProvider>
  );
}

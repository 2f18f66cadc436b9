// Every text the app shows, in one place, so wording stays consistent across screens and can be reviewed by
// the city's staff without reading components. Functions build the texts that contain values.

import type { components } from '@/api/schema';

type UserRole = components['schemas']['UserRole'];
type MeasureKind = components['schemas']['MeasureKind'];

export const messages = {
  appName: '進行管理',
  skipToContent: '本文へ移動',
  loading: '読み込み中…',
  saving: '保存中…',
  required: '必須',
  cancel: 'キャンセル',
  save: '保存',
  edit: '編集',

  errors: {
    network: 'サーバーに接続できませんでした。ネットワークを確認して、もう一度お試しください。',
    unexpected: '予期しないエラーが発生しました。時間をおいて、もう一度お試しください。',
    sessionExpired: 'ログインの有効期限が切れました。もう一度ログインしてください。',
    noPlan: '計画が登録されていません。事務局に確認してください。',
    alertTitle: 'エラー',
  },

  roles: {
    admin: '管理者（事務局）',
    editor: '編集者',
    viewer: '閲覧者',
  } satisfies Record<UserRole, string>,

  measureKinds: {
    basic: '基本施策',
    priority: '重点施策',
  } satisfies Record<MeasureKind, string>,

  login: {
    title: 'ログイン',
    lead: '進行管理にログインします。ログインIDとパスワードは事務局から通知されたものを入力してください。',
    loginId: 'ログインID',
    password: 'パスワード',
    submit: 'ログイン',
    submitting: 'ログインしています…',
  },

  changePassword: {
    title: 'パスワードの変更',
    lead: '事務局が設定した仮のパスワードでログインしています。続けるには、新しいパスワードを設定してください。',
    current: '現在のパスワード',
    next: '新しいパスワード',
    nextHint: '10文字以上128文字以下',
    confirm: '新しいパスワード（確認）',
    mismatch: '新しいパスワードと確認用のパスワードが一致しません。',
    submit: 'パスワードを変更する',
  },

  shell: {
    navLabel: 'メインメニュー',
    userLabel: 'ログイン中の利用者',
    department: '担当課',
    role: '権限',
    logout: 'ログアウト',
    noDepartment: '担当課なし',
  },

  nav: {
    home: 'ホーム',
    table: '進行管理表',
    planEdit: '計画の編集',
    departments: '担当課',
    users: '利用者',
  },

  home: {
    title: 'ホーム',
    departmentRows: (department: string) => `${department}が担当する事業`,
    allRows: 'すべての事業',
    rowCount: (count: number) => `${count}件`,
    empty: '担当する事業はありません。',
    related: '関連する事業',
    relatedLead: '同じ事業が他の施策にも掲載されています。報告はそれぞれの施策ごとに行います。',
    departments: '担当課',
    content: '内容',
  },

  table: {
    filters: '絞り込み',
    department: '担当課',
    measure: '施策',
    all: 'すべて',
    departmentColumn: '担当課',
    contentColumn: '内容',
    rowCount: (count: number) => `${count}件の事業を表示しています。`,
    empty: '条件に合う事業はありません。',
  },

  departments: {
    title: '担当課',
    lead: '担当課の追加、名称の変更、利用の停止と再開を行います。利用を停止した担当課の履歴は残ります。',
    listCaption: '担当課の一覧',
    name: '担当課名',
    status: '状態',
    active: '利用中',
    inactive: '停止中',
    updatedAt: '更新日',
    actions: '操作',
    create: '担当課を追加',
    createSubmit: '追加する',
    created: (name: string) => `担当課「${name}」を追加しました。`,
    rename: (name: string) => `「${name}」の名称を変更`,
    renamed: (name: string) => `名称を「${name}」に変更しました。`,
    /** Read after a table button (「編集」) by screen readers, which hear the button without its row. */
    rowSuffix: (name: string) => `（${name}）`,
    deactivate: '利用を停止',
    activate: '利用を再開',
    deactivated: (name: string) => `「${name}」の利用を停止しました。`,
    activated: (name: string) => `「${name}」の利用を再開しました。`,
  },

  users: {
    title: '利用者',
    lead: '利用者の登録、権限と担当課の変更、利用の停止、パスワードの再発行を行います。',
    listCaption: '利用者の一覧',
    loginId: 'ログインID',
    loginIdHint: '半角英小文字・数字・「.」「_」「-」で2〜64文字',
    displayName: '氏名',
    department: '担当課',
    role: '権限',
    status: '状態',
    active: '利用中',
    inactive: '停止中',
    mustChangePassword: 'パスワード変更待ち',
    createdAt: '登録日',
    actions: '操作',
    create: '利用者を登録',
    createSubmit: '登録する',
    noDepartment: '（なし）',
    initialPassword: (loginId: string) =>
      `利用者「${loginId}」を登録しました。初期パスワードは次のとおりです。この画面を離れると二度と表示されません。本人に安全な方法で伝えてください。`,
    editTitle: (name: string) => `「${name}」の変更`,
    activeLabel: 'この利用者はログインできる',
    updated: (name: string) => `「${name}」を更新しました。`,
    /** Read after a table button (「編集」) by screen readers, which hear the button without its row. */
    rowSuffix: (name: string) => `（${name}）`,
    resetPassword: 'パスワードを再発行',
    resetConfirm: (name: string) =>
      `「${name}」のパスワードを再発行しますか。現在のパスワードは使えなくなり、ログイン中の端末からもログアウトされます。`,
    temporaryPassword: (name: string) =>
      `「${name}」の仮パスワードは次のとおりです。この画面を離れると二度と表示されません。本人に安全な方法で伝えてください。`,
    page: (page: number, pages: number) => `${page} / ${pages} ページ`,
    previous: '前のページ',
    next: '次のページ',
    pagination: 'ページ送り',
  },

  planEdit: {
    title: '計画の編集',
    lead: '計画の名称と表題、各施策の見出し・説明・表の項目名、取組の方向、事業の名称と内容を変更します。',
    plan: '計画',
    municipality: '自治体名',
    planName: '計画名',
    tableTitle: '進行管理表の表題',
    measureTitle: '見出し',
    measureTableTitle: '表の中の施策名',
    measureTableTitleHint: '見出しと異なる場合だけ入力します。空欄のときは見出しを使います。',
    description: '説明',
    itemLabel: '第1列の項目名',
    directionTitle: (label: string) => `取組の方向 ${label}`,
    rowName: '取組項目',
    rowContent: '内容',
    saved: '保存しました。',
    editRow: (name: string) => `「${name}」を編集`,
  },

  notFound: {
    title: 'ページが見つかりません',
    lead: 'お探しのページは存在しないか、移動しました。',
    back: 'ホームへ戻る',
  },
} as const;

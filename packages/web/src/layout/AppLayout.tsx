import { DownOutlined, KeyOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Avatar, Breadcrumb, Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, Modal, Typography, theme } from 'antd';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate, useNavigationType } from 'react-router';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { LogoMark } from '../components/LogoMark';
import { FullPageSpin } from '../components/RequireAuth';
import { useRoleSummary } from '../components/RoleTags';
import { useI18n } from '../i18n';
import { breadcrumbFor, menuItemsFor, menuStateFor, pageTabKey, pageTitleKey } from '../routes';
import { useMe, useSession } from '../session';

const { Header, Sider, Content } = Layout;
/** English menu labels are longer ("Member development"): the sider widens rather than cut them. */
const SIDER_WIDTH = { 'zh-CN': 216, 'en-US': 244 } as const;

export function AppLayout() {
  const { t, language, setPageTitle } = useI18n();
  const me = useMe();
  const { can, logout } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const { token } = theme.useToken();
  const roleSummary = useRoleSummary();
  const isPhone = screens.md === false;

  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);

  const items = useMemo(() => menuItemsFor(can, t, me), [can, t, me]);
  const menuState = menuStateFor(location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(menuState.open);
  const navigationType = useNavigationType();
  useEffect(() => {
    // Navigating opens the group of the new page and closes the phone drawer.
    const open = menuStateFor(location.pathname).open;
    setOpenKeys((keys) => [...new Set([...keys, ...open])]);
    setDrawerOpen(false);
    // A new page starts at its top; going back (POP) leaves the browser's own scroll position.
    if (navigationType !== 'POP') window.scrollTo(0, 0);
  }, [location.pathname, navigationType]);
  // The browser tab names the page: "<page> - 红医".
  useEffect(() => {
    setPageTitle(pageTitleKey(location.pathname) ?? 'notFound.title', pageTabKey(location.pathname, location.search));
    return () => setPageTitle(null);
  }, [location.pathname, location.search, setPageTitle]);
  const crumbs = useMemo(() => breadcrumbFor(location.pathname, new URLSearchParams(location.search).get('back')), [location.pathname, location.search]);

  const menu = (
    <Menu
      data-testid="main-menu"
      mode="inline"
      items={items}
      selectedKeys={menuState.selected}
      openKeys={collapsed && !isPhone ? undefined : openKeys}
      onOpenChange={setOpenKeys}
      onClick={({ key }) => navigate(key)}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  const signOut = () => {
    void logout().then(() => {
      void message.success(t('header.loggedOut'));
      navigate('/login', { replace: true });
    });
  };

  const toggle = () => (isPhone ? setDrawerOpen((open) => !open) : setCollapsed((c) => !c));
  const headerText = { color: token.colorTextLightSolid };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className="hy-header">
        <Flex align="center" gap={12} style={{ minWidth: 0, flex: 1 }}>
          <Button
            type="text"
            aria-label={t('menu.toggle')}
            icon={(isPhone ? !drawerOpen : collapsed) ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={toggle}
            style={headerText}
          />
          <Flex align="center" gap={10} className="hy-brand" onClick={() => navigate('/')}>
            <LogoMark size={30} bordered />
            <span className="hy-brand-name">{t('app.name')}</span>
          </Flex>
          {!isPhone ? (
            <>
              <span className="hy-header-divider" />
              <Typography.Text ellipsis style={{ ...headerText, fontSize: 15 }} data-testid="tenant-name">
                {me.tenant.name}
              </Typography.Text>
            </>
          ) : null}
        </Flex>
        <Flex align="center" gap={4} style={{ flex: 'none' }}>
          <LanguageSwitch onDark compact={isPhone} />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'profile', icon: <UserOutlined />, label: <span data-testid="profile-item">{t('header.profile')}</span> },
                { key: 'password', icon: <KeyOutlined />, label: <span data-testid="change-password-item">{t('header.changePassword')}</span> },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="logout">{t('header.logout')}</span> },
              ],
              onClick: ({ key }) => {
                if (key === 'profile') navigate('/profile');
                if (key === 'password') setPasswordOpen(true);
                if (key === 'logout') signOut();
              },
            }}
          >
            <Button type="text" data-testid="user-menu" style={{ ...headerText, height: 44, paddingInline: 8 }}>
              <Flex align="center" gap={8}>
                <Avatar size={28} style={{ background: '#ffd666', color: token.colorPrimary, fontWeight: 600 }}>
                  {me.user.name.slice(0, 1)}
                </Avatar>
                <Flex vertical align="flex-start" style={{ lineHeight: 1.25 }}>
                  <span>{me.user.name}</span>
                  {!isPhone && me.roles.length > 0 ? <span className="hy-user-roles">{roleSummary(me.roles)}</span> : null}
                </Flex>
                <DownOutlined style={{ fontSize: 10 }} />
              </Flex>
            </Button>
          </Dropdown>
        </Flex>
      </Header>
      <Layout>
        {isPhone ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={SIDER_WIDTH[language] + 24}
            styles={{ body: { padding: 0 } }}
            title={me.tenant.name}
          >
            {menu}
          </Drawer>
        ) : (
          <Sider
            width={SIDER_WIDTH[language]}
            collapsedWidth={56}
            collapsed={collapsed}
            trigger={null}
            theme="light"
            className="hy-sider"
          >
            {menu}
          </Sider>
        )}
        <Content className="hy-content">
          {crumbs.length > 1 && !me.user.mustChangePassword ? (
            <nav aria-label={t('page.breadcrumb')}>
              <Breadcrumb
                className="hy-breadcrumb"
                data-testid="breadcrumb"
                items={crumbs.map((c) => ({ key: `${c.key}${c.to ?? ''}`, title: c.to ? <Link to={c.to}>{t(c.key)}</Link> : t(c.key) }))}
              />
            </nav>
          ) : null}
          {me.user.mustChangePassword ? null : (
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          )}
        </Content>
      </Layout>

      <Modal
        title={t('header.changePassword')}
        open={passwordOpen && !me.user.mustChangePassword}
        onCancel={() => setPasswordOpen(false)}
        footer={null}
        destroyOnHidden
      >
        <ChangePasswordForm onDone={() => setPasswordOpen(false)} />
      </Modal>

      {/* A temporary password must be replaced before anything else is shown. */}
      <Modal
        title={t('password.mustChangeTitle')}
        open={me.user.mustChangePassword}
        closable={false}
        mask={{ closable: false }}
        keyboard={false}
        footer={
          <Button type="link" onClick={signOut}>
            {t('header.logout')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('password.mustChangeNote')} style={{ marginBottom: 16 }} />
        <ChangePasswordForm />
      </Modal>
    </Layout>
  );
}

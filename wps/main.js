/*
 * 绩效目标申报 for WPS 表格: the ribbon callbacks that ribbon.xml names (OnAddinLoad, OnAction, GetImage).
 *
 * WPS loads the add-in's index.html, which loads config.js (window.JIXIAO_PANE_BASE) and this file, then
 * calls these global functions by name. Plain ES5, no modules: WPS's embedded browser may be old.
 *
 * The five buttons share one task pane, the hosted taskpane.html of the Excel add-in with ?host=wps
 * (the pane finds window.Application and uses its WPS host):
 *   申报面板   btnJixiaoPane      shows the pane, or hides it when it is showing
 *   插入申报表 btnJixiaoInsert    shows the pane at ?view=insert
 *   校验       btnJixiaoValidate  shows the pane at ?view=validate (the pane runs the check)
 *   自检       btnJixiaoSelfTest  shows the pane at ?view=selftest (the pane runs the self-test)
 *   插入行     btnJixiaoInsertRow shows the pane at ?view=insertRow (the pane inserts a row into the
 *              table under the selection, or says why it cannot)
 *
 * The API used, as Kingsoft's type declarations (npm et-jsapi-declare, index.d.ts) describe it:
 *   Application.CreateTaskPane(url, title?) -> CustomTaskpane; it shows once Visible = true
 *   Application.GetTaskPane(id)             -> the pane created earlier with that ID
 *   CustomTaskpane: ID, Visible, DockPosition, Width, Navigate(url), Delete()
 *   Application.PluginStorage: setItem/getItem/removeItem, shared by the add-in's pages, not persisted
 *     (so the pane ID lives as long as the WPS session, which is what we want)
 *   DockPosition: Application.Enum.JSKsoEnum_msoCTPDockPositionRight, msoCTPDockPositionRight = 2
 * Kingsoft's wpsjs templates keep the pane ID in PluginStorage and toggle Visible the same way
 * (packages/@wps-jsapi/et/js/ribbon.js).
 */

var JixiaoWps = {
  /** PluginStorage key of the pane's ID. */
  PANE_KEY: 'jixiao_taskpane_id',
  PANE_TITLE: '绩效目标申报',
  PANE_WIDTH: 360,
  /** msoCTPDockPositionRight, when Application.Enum does not say. */
  DOCK_RIGHT: 2,
  DEFAULT_BASE: 'https://localhost:3000/',
  /** The view each button opens; the first button has none (the pane's default). */
  VIEWS: {
    btnJixiaoPane: '',
    btnJixiaoInsert: 'insert',
    btnJixiaoValidate: 'validate',
    btnJixiaoSelfTest: 'selftest',
    btnJixiaoInsertRow: 'insertRow',
  },
  ribbonUI: null,

  app: function () {
    return window.Application || window.wps || null;
  },

  /** The hosted pane: <base>taskpane.html?host=wps[&view=…]. */
  paneUrl: function (view) {
    var base = String(window.JIXIAO_PANE_BASE || JixiaoWps.DEFAULT_BASE);
    if (base.charAt(base.length - 1) !== '/') base += '/';
    return base + 'taskpane.html?host=wps' + (view ? '&view=' + encodeURIComponent(view) : '');
  },

  dockRight: function (app) {
    var e = app && app.Enum;
    if (e && typeof e.JSKsoEnum_msoCTPDockPositionRight === 'number')
      return e.JSKsoEnum_msoCTPDockPositionRight;
    if (e && typeof e.msoCTPDockPositionRight === 'number') return e.msoCTPDockPositionRight;
    return JixiaoWps.DOCK_RIGHT;
  },

  /** The pane this session created, or null (none yet, or WPS no longer knows the ID). */
  storedPane: function (app) {
    var id = null;
    try {
      id = app.PluginStorage ? app.PluginStorage.getItem(JixiaoWps.PANE_KEY) : null;
    } catch (e) {
      id = null;
    }
    if (id === null || id === undefined || id === '' || isNaN(Number(id))) return null;
    try {
      return app.GetTaskPane(Number(id)) || null;
    } catch (e) {
      return null;
    }
  },

  forgetPane: function (app) {
    try {
      app.PluginStorage.removeItem(JixiaoWps.PANE_KEY);
    } catch (e) {
      // nothing stored, or no storage: nothing to forget
    }
  },

  createPane: function (app, url) {
    var pane = app.CreateTaskPane(url, JixiaoWps.PANE_TITLE);
    if (!pane) throw new Error('CreateTaskPane returned nothing');
    try {
      pane.DockPosition = JixiaoWps.dockRight(app);
    } catch (e) {
      // an old WPS without docking: keep its default
    }
    try {
      pane.Width = JixiaoWps.PANE_WIDTH;
    } catch (e) {
      // keep the default width
    }
    try {
      app.PluginStorage.setItem(JixiaoWps.PANE_KEY, pane.ID);
    } catch (e) {
      // without storage each click makes a new pane; still usable
    }
    return pane;
  },

  /** 申报面板: hide the pane if it is showing, otherwise show it (creating it the first time). */
  togglePane: function () {
    var app = JixiaoWps.app();
    var pane = JixiaoWps.storedPane(app);
    if (pane) {
      try {
        pane.Visible = !pane.Visible;
        return pane;
      } catch (e) {
        JixiaoWps.forgetPane(app); // a stale ID: make a new pane below
      }
    }
    pane = JixiaoWps.createPane(app, JixiaoWps.paneUrl(''));
    pane.Visible = true;
    return pane;
  },

  /** 插入申报表 / 校验 / 插入行: show the pane at a view, navigating the existing pane when WPS offers Navigate. */
  showView: function (view) {
    var app = JixiaoWps.app();
    var url = JixiaoWps.paneUrl(view);
    var pane = JixiaoWps.storedPane(app);
    if (pane && typeof pane.Navigate !== 'undefined') {
      try {
        pane.Navigate(url);
        pane.Visible = true;
        return pane;
      } catch (e) {
        // fall through: replace the pane
      }
    }
    if (pane) {
      try {
        pane.Delete();
      } catch (e) {
        // already gone
      }
      JixiaoWps.forgetPane(app);
    }
    pane = JixiaoWps.createPane(app, url);
    pane.Visible = true;
    return pane;
  },

  report: function (err) {
    var text = '绩效目标申报：无法打开申报面板。' + (err && err.message ? err.message : String(err));
    try {
      window.alert(text);
    } catch (e) {
      // no alert in this host: nothing more to do
    }
  },
};

function OnAddinLoad(ribbonUI) {
  JixiaoWps.ribbonUI = ribbonUI || null;
  return true;
}

function OnAction(control) {
  var id = control && (control.Id || control.id);
  try {
    if (id === 'btnJixiaoPane') JixiaoWps.togglePane();
    else if (Object.prototype.hasOwnProperty.call(JixiaoWps.VIEWS, id))
      JixiaoWps.showView(JixiaoWps.VIEWS[id]);
    else if (JixiaoWps.VIEWS[id]) JixiaoWps.showView(JixiaoWps.VIEWS[id]);
  } catch (err) {
    JixiaoWps.report(err);
  }
  return true;
}

/** The icon of every button: the add-in's icon, relative to the add-in folder (32 px, 64 on HiDPI). */
function GetImage(control) {
  return (window.devicePixelRatio || 1) > 1.5 ? 'images/icon-64.png' : 'images/icon-32.png';
}

function OnGetEnabled(control) {
  return true;
}

function OnGetVisible(control) {
  return true;
}

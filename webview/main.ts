import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import { SocketLensApp } from './app';
import { MessageComposer } from './components/composer';
import { ConnectionHeader } from './components/connectionHeader';
import { HandshakeDetails } from './components/handshakeView';
import { LifecycleList } from './components/lifecycleView';
import { MessageList } from './components/messageList';

customElements.define('socket-lens-connection-header', ConnectionHeader);
customElements.define('socket-lens-message-list', MessageList);
customElements.define('socket-lens-composer', MessageComposer);
customElements.define('socket-lens-handshake', HandshakeDetails);
customElements.define('socket-lens-lifecycle', LifecycleList);
customElements.define('socket-lens-app', SocketLensApp);

export function App() {
  return <main><h1>Paralelo</h1></main>;
}
